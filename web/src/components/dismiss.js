// Closing a menu or panel as menus do: on a click outside it, or on Escape — which also gives the
// focus back to the button that opened it, so a keyboard user is not left at the top of the page.
import { useEffect } from 'preact/hooks';

export function useDismiss(open, setOpen, rootRef, buttonRef = null) {
    useEffect(() => {
        if (!open) return undefined;
        const onPointer = (event) => {
            if (rootRef.current && !rootRef.current.contains(event.target)) setOpen(false);
        };
        const onKey = (event) => {
            if (event.key !== 'Escape') return;
            setOpen(false);
            buttonRef?.current?.focus();
        };
        document.addEventListener('mousedown', onPointer);
        document.addEventListener('keydown', onKey);
        return () => {
            document.removeEventListener('mousedown', onPointer);
            document.removeEventListener('keydown', onKey);
        };
    }, [open]);
}
