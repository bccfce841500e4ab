// What every page may need, handed down by App through one context:
//   lang, setLang(code), t(key, params)  — the interface language and its labels
//   session: { status: 'loading' | 'anonymous' | 'signed-in' | 'error', user, expiresAt, error }
//   setSession(session)
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const AppContext = createContext(null);

export function useApp() {
    const value = useContext(AppContext);
    if (!value) throw new Error('useApp() outside <AppContext.Provider>');
    return value;
}
