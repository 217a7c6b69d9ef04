/** An accessible progress bar with its status line (announced politely to screen readers). */
export function ProgressBar({
  percent,
  label,
  text,
  statusTestId,
}: {
  percent: number;
  label: string;
  text: string;
  statusTestId?: string;
}) {
  return (
    <div className="stack" style={{ gap: 4 }}>
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div style={{ width: `${percent}%` }} />
      </div>
      <div className="muted" aria-live="polite" data-testid={statusTestId}>
        {text}
      </div>
    </div>
  );
}
