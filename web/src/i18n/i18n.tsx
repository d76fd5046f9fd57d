import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Lang } from '../../../src/domain/format-number.js';
import { en } from './en';
import { vi, type Messages } from './vi';

export type { Lang };

/** The catalogues by language: Vietnamese by default, English complete (en.ts is typed by vi.ts). */
export const CATALOGUES: Record<Lang, Messages> = { vi, en };

/** Where the reader's choice is remembered across reloads. */
export const LANG_STORAGE_KEY = 'dxmon.lang';

/** The language remembered in this browser, Vietnamese unless English was chosen. */
export function storedLang(): Lang {
  try {
    return window.localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

interface I18n {
  lang: Lang;
  /** The catalogue of the current language. */
  t: Messages;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n | null>(null);

/** Holds the language, remembers a change in localStorage and sets `<html lang>`. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // A browser that keeps nothing (private mode) still switches for this page.
    }
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, t: CATALOGUES[lang], setLang }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its catalogue. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
