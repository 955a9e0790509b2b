import { useRef, useState } from 'preact/hooks';
import { gql } from './api';
import type {
  FlagListingMutation,
  FlagListingMutationVariables,
  FlagReason,
} from './generated/graphql';
import { describe } from './listing-rules';
import { FLAG_LISTING } from './partner-operations';
import { usePartnerTexts } from './partner-texts';

const REASONS: FlagReason[] = [
  'PHONE_WRONG',
  'HOURS_WRONG',
  'PLACES_WRONG',
  'WHO_OR_WHAT_WRONG',
  'CLOSED',
  'OTHER',
];
const MAX_NOTE = 300;

/**
 * "Noget er forkert her": anyone tells the listing's organisation that something is wrong, with a
 * reason from a short list and an optional short note. Nothing about the person being helped is
 * asked for, and the note goes only to the organisation (the API never logs it).
 */
export function FlagListing({ serviceId, name }: { serviceId: string; name: string }) {
  const { p } = usePartnerTexts();
  const f = p.flag;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<FlagReason | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<{ reason?: string; note?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const legend = useRef<HTMLLegendElement>(null);
  const base = `flag-${serviceId}`;

  if (sent) {
    return (
      <p class="flag-sent no-print" role="status">
        {f.sent}
      </p>
    );
  }
  if (!open) {
    return (
      <button
        type="button"
        class="secondary flag-open no-print"
        onClick={() => {
          setOpen(true);
          requestAnimationFrame(() => document.getElementById(`${base}-${REASONS[0]}`)?.focus());
        }}
      >
        {f.open}
      </button>
    );
  }
  const send = async (event: Event) => {
    event.preventDefault();
    if (busy) {
      return;
    }
    const found: typeof error = {};
    if (!reason) {
      found.reason = f.pickReason;
    }
    if (note.length > MAX_NOTE) {
      found.note = f.noteTooLong;
    }
    setError(found);
    if (found.reason || found.note) {
      requestAnimationFrame(() =>
        document.getElementById(found.reason ? `${base}-${REASONS[0]}` : `${base}-note`)?.focus(),
      );
      return;
    }
    setBusy(true);
    try {
      await gql<FlagListingMutation, FlagListingMutationVariables>(FLAG_LISTING, {
        input: { serviceId, reason: reason as FlagReason, note: note.trim() || null },
      });
      setSent(true);
    } catch (err) {
      setError({ form: describe(err, p) });
    } finally {
      setBusy(false);
    }
  };
  const left = MAX_NOTE - note.length;
  return (
    <form class="flag-form no-print" onSubmit={(e) => void send(e)} noValidate>
      <fieldset
        aria-describedby={error.reason ? `${base}-reason-error` : undefined}
        aria-invalid={error.reason ? true : undefined}
      >
        <legend ref={legend}>{f.title(name)}</legend>
        {error.reason && (
          <p class="field-error" id={`${base}-reason-error`}>
            {error.reason}
          </p>
        )}
        <ul class="plain">
          {REASONS.map((r) => (
            <li key={r}>
              <span class="check">
                <input
                  type="radio"
                  name={`${base}-reason`}
                  id={`${base}-${r}`}
                  checked={reason === r}
                  onChange={() => setReason(r)}
                />
                <label for={`${base}-${r}`}>{f.reasons[r]}</label>
              </span>
            </li>
          ))}
        </ul>
      </fieldset>
      <div class="field">
        <label for={`${base}-note`}>{f.note}</label>
        <p class="hint" id={`${base}-note-hint`}>
          {f.noteHint}
        </p>
        <textarea
          id={`${base}-note`}
          rows={3}
          value={note}
          aria-invalid={error.note ? true : undefined}
          aria-describedby={[
            `${base}-note-hint`,
            `${base}-note-left`,
            error.note ? `${base}-note-error` : '',
          ]
            .filter(Boolean)
            .join(' ')}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <p class={left < 0 ? 'field-error' : 'hint'} id={`${base}-note-left`} aria-live="polite">
          {left >= 0 ? f.noteLeft(left) : f.noteTooLong}
        </p>
        {error.note && left >= 0 && (
          <p class="field-error" id={`${base}-note-error`}>
            {error.note}
          </p>
        )}
      </div>
      {error.form && (
        <p class="alert" role="alert">
          {error.form}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? f.sending : f.send}
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {p.cancel}
        </button>
      </div>
    </form>
  );
}
