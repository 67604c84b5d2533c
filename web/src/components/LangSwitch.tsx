import { LANGS, lang, setLang, t, type Lang } from '../i18n/index.ts';

export function LangSwitch() {
  return (
    <label class="lang-switch">
      <span class="visually-hidden">{t('label.language')}</span>
      <select data-testid="lang-switch" value={lang.value} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
