/**
 * A labelled select of a fixed list of values, each shown in the reader's words: the enum fields
 * of a form (a request's kind or channel, a finding's severity, an equipment kind).
 * Example: `<EnumSelect label={t('sd.kind')} testid="sd-kind" value={kind} values={KINDS} text={(k) => t(`sd.kind.${k}`)} onChange={setKind} />`.
 */
export function EnumSelect<V extends string>({ label, testid, value, values, text, onChange }: { label: string; testid: string; value: V; values: readonly V[]; text: (value: V) => string; onChange: (value: V) => void }) {
  return (
    <label class="field">
      <span>{label}</span>
      <select data-testid={testid} value={value} onChange={(e) => onChange(e.currentTarget.value as V)}>
        {values.map((v) => (
          <option key={v} value={v}>
            {text(v)}
          </option>
        ))}
      </select>
    </label>
  );
}
