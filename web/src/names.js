// A record's display name for a table cell that holds its id: read once per visit (one request per
// id, shared by every cell and page that shows it), nothing shown but "…" until it arrives, and no
// request at all when `enabled` is false (a role the API would refuse).
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';

const names = new Map();

/** The name `pick(record)` of the record at `${path}/${id}`, or null until it is read (or if it cannot be). */
export function useRecordName(path, id, pick, { enabled = true } = {}) {
    const key = `${path}/${id}`;
    const [name, setName] = useState(names.get(key) ?? null);
    useEffect(() => {
        if (!enabled || !id) return undefined;
        if (names.has(key)) {
            setName(names.get(key));
            return undefined;
        }
        let live = true;
        api.get(`${path}/${encodeURIComponent(id)}`).then((record) => {
            names.set(key, pick(record));
            if (live) setName(names.get(key));
        }, () => {});
        return () => { live = false; };
    }, [key, enabled]);
    return name;
}
