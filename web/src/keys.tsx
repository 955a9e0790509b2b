import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { gql } from './api';
import type {
  ApiTokensQuery,
  CreateTokenMutation,
  CreateTokenMutationVariables,
  RevokeTokenMutation,
  RevokeTokenMutationVariables,
} from './generated/graphql';
import { formatDate } from './i18n';
import { describe } from './listing-rules';
import { API_TOKENS, CREATE_TOKEN, REVOKE_TOKEN } from './partner-operations';
import { usePartnerTexts } from './partner-texts';

type Token = ApiTokensQuery['apiTokens'][number];

const DAY_MS = 24 * 3_600_000;

/** An expiry date from the date field (yyyy-mm-dd): the end of that day, Danish time near enough. */
function expiryOf(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) {
    return null;
  }
  const date = new Date(`${day}T23:59:59`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The organisation's keys: create one per person or system (named, with an optional expiry; the
 * key is shown once), see them all, revoke one. Who used which key shows in the change log.
 */
export function KeyManager({
  organisationId,
  onMessage,
}: {
  organisationId: string;
  onMessage: (message: { text: string; alert: boolean }) => void;
}) {
  const { lang, p } = usePartnerTexts();
  const k = p.keys;
  const [tokens, setTokens] = useState<Token[] | null>(null);
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<{ name?: string; expires?: string; form?: string }>({});
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    gql<ApiTokensQuery>(API_TOKENS)
      .then((data) => setTokens(data.apiTokens))
      .catch((error: unknown) => setErrors({ form: describe(error, p) }));
  }, [p]);
  useEffect(load, [load]);

  const create = async (event: Event) => {
    event.preventDefault();
    if (busy) {
      return;
    }
    const found: typeof errors = {};
    const trimmed = name.trim();
    if (trimmed === '') {
      found.name = p.rules.required(k.name);
    } else if (trimmed.length > 100) {
      found.name = p.rules.tooLong(k.name, 100);
    }
    const expiresAt = expires === '' ? null : expiryOf(expires);
    if (
      expires !== '' &&
      (!expiresAt ||
        expiresAt.getTime() <= Date.now() ||
        expiresAt.getTime() > Date.now() + 5 * 365 * DAY_MS)
    ) {
      found.expires = k.expiresPast;
    }
    setErrors(found);
    if (found.name || found.expires) {
      requestAnimationFrame(() =>
        document.getElementById(found.name ? 'key-name' : 'key-expires')?.focus(),
      );
      return;
    }
    setBusy(true);
    try {
      const data = await gql<CreateTokenMutation, CreateTokenMutationVariables>(CREATE_TOKEN, {
        input: {
          name: trimmed,
          role: 'EDITOR',
          organisationId,
          ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
        },
      });
      setCreated({ name: trimmed, token: data.createApiToken.token });
      setName('');
      setExpires('');
      onMessage({ text: '', alert: false });
      load();
      requestAnimationFrame(() => shown.current?.focus());
    } catch (error) {
      setErrors({ form: describe(error, p) });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: Token) => {
    try {
      await gql<RevokeTokenMutation, RevokeTokenMutationVariables>(REVOKE_TOKEN, { id: token.id });
      setConfirming(null);
      onMessage({ text: k.revoked(token.name), alert: false });
      load();
    } catch (error) {
      onMessage({ text: describe(error, p), alert: true });
    }
  };

  const state = (token: Token): string => {
    const parts = [k.createdAt(formatDate(lang, token.createdAt) ?? '')];
    if (token.revokedAt) {
      parts.push(k.revokedAt(formatDate(lang, token.revokedAt) ?? ''));
    } else if (token.expiresAt) {
      parts.push(
        new Date(token.expiresAt).getTime() <= Date.now()
          ? k.expired(formatDate(lang, token.expiresAt) ?? '')
          : k.expiresAt(formatDate(lang, token.expiresAt) ?? ''),
      );
    }
    return parts.join(', ');
  };

  return (
    <section class="keys" aria-labelledby="keys-title">
      <h2 id="keys-title">{k.title}</h2>
      <p class="hint">{k.intro}</p>
      {created && (
        <div class="created-key" role="alert" tabIndex={-1} ref={shown}>
          <h3>{k.createdTitle}</h3>
          <p>{k.createdIntro}</p>
          <p>
            <strong>{created.name}</strong>
          </p>
          <input
            type="text"
            readOnly
            aria-label={k.createdTitle}
            id="created-key"
            value={created.token}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" class="secondary" onClick={() => setCreated(null)}>
            {k.copied}
          </button>
        </div>
      )}
      <form class="key-form" onSubmit={(e) => void create(e)} noValidate autoComplete="off">
        {errors.form && (
          <p class="alert" role="alert">
            {errors.form}
          </p>
        )}
        <div class="field">
          <label for="key-name">{k.name}</label>
          <p class="hint" id="key-name-hint">
            {k.nameHint}
          </p>
          <input
            id="key-name"
            type="text"
            value={name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={['key-name-hint', errors.name ? 'key-name-error' : '']
              .filter(Boolean)
              .join(' ')}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          {errors.name && (
            <p class="field-error" id="key-name-error">
              {errors.name}
            </p>
          )}
        </div>
        <div class="field">
          <label for="key-expires">{k.expires}</label>
          <p class="hint" id="key-expires-hint">
            {k.expiresHint}
          </p>
          <input
            id="key-expires"
            type="date"
            value={expires}
            aria-invalid={errors.expires ? true : undefined}
            aria-describedby={['key-expires-hint', errors.expires ? 'key-expires-error' : '']
              .filter(Boolean)
              .join(' ')}
            onInput={(e) => setExpires(e.currentTarget.value)}
          />
          {errors.expires && (
            <p class="field-error" id="key-expires-error">
              {errors.expires}
            </p>
          )}
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {k.create}
        </button>
      </form>
      <h3>{k.list}</h3>
      {tokens === null ? (
        <p class="progress">{p.loading}</p>
      ) : tokens.length === 0 ? (
        <p>{k.none}</p>
      ) : (
        <ul class="plain key-list">
          {tokens.map((token) => (
            <li key={token.id} class={token.revokedAt ? 'revoked' : undefined}>
              <p>
                <strong>{token.name}</strong> ({p.roles[token.role] ?? token.role}): {state(token)}
              </p>
              {!token.revokedAt &&
                (confirming === token.id ? (
                  <div class="confirm-revoke" role="group" aria-label={k.revokeConfirm(token.name)}>
                    <p>{k.revokeConfirm(token.name)}</p>
                    <button type="button" class="primary" onClick={() => void revoke(token)}>
                      {k.yesRevoke}
                    </button>
                    <button type="button" class="secondary" onClick={() => setConfirming(null)}>
                      {p.cancel}
                    </button>
                  </div>
                ) : (
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() => setConfirming(token.id)}
                  >
                    {k.revoke(token.name)}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
