// The county a county officer works for: the county of its organisation (a county's branch
// command). The console uses it only to offer the certification forms on that county's products;
// the API decides.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';

/** The officer's county code, or null (other roles, an agency without a county, or not known yet). */
export function useOfficerCounty(session) {
    const user = session?.user;
    const officer = user?.role === 'county_officer' && Boolean(user.orgId);
    const [county, setCounty] = useState(null);
    useEffect(() => {
        if (!officer) {
            setCounty(null);
            return undefined;
        }
        let live = true;
        api.get(`organisations/${encodeURIComponent(user.orgId)}`, { redirectOn401: false }).then(
            (organisation) => live && setCounty(organisation?.county ?? organisation?.county_code ?? null),
            () => live && setCounty(null),
        );
        return () => {
            live = false;
        };
    }, [officer, user?.orgId]);
    return county;
}
