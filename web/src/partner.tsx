import type { Ref } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, forgetToken, gql, storedToken, storeToken } from './api';
import type {
  PartnerAttentionQuery,
  PartnerAuditQuery,
  PartnerAuditQueryVariables,
  PartnerConfirmMutation,
  PartnerConfirmMutationVariables,
  PartnerHomeQuery,
  PartnerReportMutation,
  PartnerReportMutationVariables,
  CloseFlagMutation,
  CloseFlagMutationVariables,
} from './generated/graphql';
import { formatDate, languageName, type Lang, nameIn, useI18n } from './i18n';
import { type EditorResult, ListingEditor } from './editor';
import { describe } from './listing-rules';
import { KeyManager } from './keys';
import {
  CLOSE_FLAG,
  PARTNER_ATTENTION,
  PARTNER_AUDIT,
  PARTNER_CONFIRM,
  PARTNER_HOME,
  PARTNER_REPORT,
} from './partner-operations';
import { formatDay, type PartnerTexts, usePartnerTexts } from './partner-texts';
import { type Reference, useReference } from './reference';
import './partner.css';

type Me = PartnerHomeQuery['me'];
type Listing = NonNullable<Me['organisation']>['services'][number];
type Attention = PartnerAttentionQuery;

/** The one message the view shows: only the latest, as a status or as an alert. */
export interface Message {
  text: string;
  alert: boolean;
}

function NumberField({
  id,
  label,
  value,
  onInput,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <span class="field inline">
      <label for={id}>{label}</label>
      <input
        id={id}
        class="short"
        type="text"
        inputMode="numeric"
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </span>
  );
}

/** Free places in two taps: open the chooser, tap the number. */
function ReportPlaces({
  listing,
  onReported,
  onFailed,
}: {
  listing: Listing;
  onReported: (updated: Listing, message: string) => void;
  onFailed: (message: string) => void;
}) {
  const { p } = usePartnerTexts();
  const [open, setOpen] = useState(false);
  const [free, setFree] = useState('');
  const [total, setTotal] = useState(String(listing.capacity?.totalPlaces ?? ''));
  const [failure, setFailure] = useState<string | null>(null);
  const total0 = listing.capacity?.totalPlaces ?? null;
  const firstChoice = useRef<HTMLButtonElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);

  const report = async (freePlaces: number, totalPlaces: number) => {
    setFailure(null);
    try {
      const data = await gql<PartnerReportMutation, PartnerReportMutationVariables>(
        PARTNER_REPORT,
        { id: listing.id, freePlaces, totalPlaces },
      );
      setOpen(false);
      onReported(data.reportAvailability, p.reported(freePlaces, totalPlaces));
      requestAnimationFrame(() => openButton.current?.focus());
    } catch (error) {
      const text = describe(error, p);
      setFailure(text);
      onFailed('');
    }
  };

  if (!open) {
    return (
      <button
        type="button"
        class="primary"
        ref={openButton}
        onClick={() => {
          setOpen(true);
          setTotal(String(listing.capacity?.totalPlaces ?? ''));
          requestAnimationFrame(() => firstChoice.current?.focus());
        }}
      >
        {p.reportPlaces}
      </button>
    );
  }
  const groupId = `report-${listing.id}`;
  const whole = (text: string) =>
    /^\d{1,5}$/.test(text.trim()) && Number(text) <= 10_000 ? Number(text) : null;
  return (
    <div class="report" role="group" aria-labelledby={groupId}>
      <p id={groupId}>{p.reportHowMany(listing.name)}</p>
      {total0 !== null && total0 <= 30 && (
        <ul class="plain choices">
          {Array.from({ length: total0 + 1 }, (_, n) => (
            <li key={n}>
              <button
                type="button"
                class="choice"
                ref={n === 0 ? firstChoice : undefined}
                onClick={() => void report(n, total0)}
              >
                {p.freeChoice(n, total0)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="other-count"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const f = whole(free);
          const tot = whole(total);
          if (f === null || tot === null) {
            setFailure(p.rules.places);
            return;
          }
          if (f > tot) {
            setFailure(p.rules.freeOverTotal);
            return;
          }
          void report(f, tot);
        }}
      >
        <NumberField id={`${groupId}-free`} label={p.freePlaces} value={free} onInput={setFree} />
        <NumberField
          id={`${groupId}-total`}
          label={p.totalPlaces}
          value={total}
          onInput={setTotal}
        />
        <button type="submit" class="secondary">
          {p.report}
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {p.cancel}
        </button>
      </form>
      {failure && (
        <p class="field-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}

/** A change log value in words: names for codes, yes/no, dates; "(tom)" for nothing. */
export function auditValue(
  field: string,
  value: string | null,
  ctx: { ref: Reference; lang: Lang; p: PartnerTexts; names: Map<string, string> },
): string {
  const { ref, lang, p, names } = ctx;
  if (value === null || value === '' || value === '[]') {
    return p.audit.empty_;
  }
  let list: string[] | null = null;
  if (value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      list = Array.isArray(parsed) ? parsed.map(String) : null;
    } catch {
      list = null;
    }
  }
  const items = list ?? (field.endsWith('Ids') ? value.split(', ') : [value]);
  const word = (item: string): string => {
    if (item === 'true') {
      return p.audit.yes;
    }
    if (item === 'false') {
      return p.audit.no;
    }
    switch (field) {
      case 'typeCode':
      case 'targetGroupCodes':
      case 'needCodes':
      case 'coverage.regionCodes': {
        const named = ref.byCode.get(item);
        return named ? nameIn(lang, named) : item;
      }
      case 'municipalityCode':
      case 'coverage.municipalityCodes':
        return ref.municipalities.find((m) => m.code === item)?.name ?? item;
      case 'languages':
        return languageName(lang, item);
      case 'referralRoutes':
        return p.routes[item] ?? item;
      case 'continuesToIds':
      case 'ifFullTryIds':
        return names.get(item) ?? p.audit.another;
      case 'verifiedAt':
        return formatDate(lang, item) ?? item;
      default:
        return item;
    }
  };
  return items.map(word).join(', ');
}

function AuditLog({ serviceId, names }: { serviceId: string; names: Map<string, string> }) {
  const { lang, p } = usePartnerTexts();
  const ref = useReference();
  const [log, setLog] = useState<PartnerAuditQuery | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    gql<PartnerAuditQuery, PartnerAuditQueryVariables>(PARTNER_AUDIT, { id: serviceId })
      .then(setLog)
      .catch((error: unknown) => setFailure(describe(error, p)));
  }, [serviceId, p]);
  if (failure) {
    return (
      <p class="alert" role="alert">
        {failure}
      </p>
    );
  }
  if (!log) {
    return (
      <p role="status" class="progress">
        {p.loading}
      </p>
    );
  }
  const entries = log.auditLog.edges;
  if (entries.length === 0) {
    return <p>{p.audit.empty}</p>;
  }
  // The organisation's own listings, and the onward referrals the listing has now (of any
  // organisation); one it no longer refers to stays "another service".
  const onward = [...(log.service?.continuesTo ?? []), ...(log.service?.ifFullTry ?? [])];
  const known = new Map([...names, ...onward.map((s): [string, string] => [s.id, s.name])]);
  const ctx = { ref, lang, p, names: known };
  return (
    <ol class="plain audit">
      {entries.map(({ node }) => (
        <li key={node.id}>
          <p>
            <strong>{p.audit.actions[node.action] ?? node.action}</strong>{' '}
            {formatDate(lang, node.at)}{' '}
            {node.tokenName ? p.audit.by(node.tokenName) : p.audit.byUnknown}
          </p>
          {node.action !== 'CONFIRM' && node.changes.length > 0 && (
            <ul>
              {node.changes.map((change) => (
                <li key={change.field}>
                  {p.audit.labels[change.field] ?? change.field}:{' '}
                  {auditValue(change.field, change.from, ctx)} →{' '}
                  {auditValue(change.field, change.to, ctx)}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

function ListingCard({
  listing,
  names,
  due,
  onUpdated,
  onMessage,
  onEdit,
}: {
  listing: Listing;
  names: Map<string, string>;
  due: boolean;
  onUpdated: (updated: Listing, confirmed: boolean) => void;
  onMessage: (message: Message) => void;
  onEdit: () => void;
}) {
  const { lang, p } = usePartnerTexts();
  const [showAudit, setShowAudit] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const capacity = listing.capacity;
  const headingId = `listing-${listing.id}`;

  const confirm = async () => {
    setFailure(null);
    try {
      const data = await gql<PartnerConfirmMutation, PartnerConfirmMutationVariables>(
        PARTNER_CONFIRM,
        { id: listing.id, expectedVersion: listing.version },
      );
      onUpdated(data.confirmService, true);
      onMessage({ text: p.confirmed(listing.name), alert: false });
    } catch (error) {
      setFailure(describe(error, p));
      onMessage({ text: '', alert: false });
    }
  };

  return (
    <article
      class={due ? 'card listing due' : 'card listing'}
      aria-labelledby={headingId}
      data-service-id={listing.id}
    >
      <h3 id={headingId} class="card-title" tabIndex={-1}>
        {listing.name}
      </h3>
      <dl class="facts compact">
        <div class="row">
          <dt>{p.lastVerified}</dt>
          <dd class="verified">{formatDate(lang, listing.verifiedAt) ?? p.never}</dd>
        </div>
        <div class="row">
          <dt>{p.places}</dt>
          <dd class="places">
            {typeof capacity?.freePlaces === 'number' && typeof capacity.totalPlaces === 'number'
              ? p.freeOf(capacity.freePlaces, capacity.totalPlaces)
              : p.placesUnknown}
            {capacity?.reportedAt
              ? ` (${p.reportedAt(formatDate(lang, capacity.reportedAt) ?? '')})`
              : ''}
          </dd>
        </div>
      </dl>
      <div class="actions">
        <ReportPlaces
          listing={listing}
          onReported={(updated, text) => {
            setFailure(null);
            onUpdated(updated, false);
            onMessage({ text, alert: false });
          }}
          onFailed={(text) => onMessage({ text, alert: false })}
        />
        <button type="button" class="secondary" onClick={onEdit}>
          {p.edit}
        </button>
        <button type="button" class="secondary" onClick={() => void confirm()}>
          {p.confirm}
        </button>
        <button
          type="button"
          class="secondary"
          aria-expanded={showAudit}
          onClick={() => setShowAudit(!showAudit)}
        >
          {p.auditLog}
        </button>
      </div>
      {failure && (
        <p class="alert" role="alert">
          {failure}
        </p>
      )}
      {showAudit && (
        <section class="audit-log" aria-label={`${p.auditLog}: ${listing.name}`}>
          <AuditLog serviceId={listing.id} names={names} key={listing.version} />
        </section>
      )}
    </article>
  );
}

/** The first thing a partner sees: listings due for confirmation and open flags from users. */
function AttentionPanel({
  attention,
  onShow,
  onClosed,
  onMessage,
}: {
  attention: Attention;
  onShow: (id: string) => void;
  onClosed: (flagId: string) => void;
  onMessage: (message: Message) => void;
}) {
  const { lang, p } = usePartnerTexts();
  const due = attention.listingFreshness.unconfirmed;
  const flags = attention.listingFlags;
  const close = async (id: string) => {
    try {
      await gql<CloseFlagMutation, CloseFlagMutationVariables>(CLOSE_FLAG, { id });
      onClosed(id);
      onMessage({ text: p.flagClosed, alert: false });
    } catch (error) {
      onMessage({ text: describe(error, p), alert: true });
    }
  };
  return (
    <section class="attention" aria-labelledby="attention-title">
      <h2 id="attention-title">{p.attentionTitle}</h2>
      {due.length === 0 && flags.length === 0 && <p>{p.attentionNone}</p>}
      {due.length > 0 && (
        <div class="due">
          <h3>{p.dueTitle(attention.listingFreshness.windowDays)}</h3>
          <p class="hint">{p.dueIntro}</p>
          <ul class="plain">
            {due.map((item) => {
              const since = formatDay(lang, item.lastConfirmedAt) ?? p.never;
              return (
                <li key={item.service.id} class="due-item">
                  <span>
                    {item.neverConfirmed
                      ? p.dueNever(item.service.name, since)
                      : p.dueLine(item.service.name, since)}
                  </span>{' '}
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() => onShow(item.service.id)}
                  >
                    {p.show(item.service.name)}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {flags.length > 0 && (
        <div class="flags">
          <h3>{p.flagsTitle}</h3>
          <ul class="plain">
            {flags.map((flag) => (
              <li key={flag.id} class="flag-item">
                <p>
                  <strong>{flag.serviceName}</strong>: {p.flag.reasons[flag.reason] ?? flag.reason}{' '}
                  ({formatDate(lang, flag.createdAt)})
                </p>
                {flag.note && <blockquote class="note">{flag.note}</blockquote>}
                <button type="button" class="secondary small" onClick={() => void close(flag.id)}>
                  {p.closeFlag}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

export function PartnerView({ headingRef }: { headingRef: Ref<HTMLHeadingElement> }) {
  const { p } = usePartnerTexts();
  const { t } = useI18n();
  const [token, setToken] = useState<string | null>(() => storedToken());
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState(false);
  const [me, setMe] = useState<Me | null>(null);
  const [attention, setAttention] = useState<Attention | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>({ text: '', alert: false });
  // null: the list; '' : a new listing; an id: that listing's editor.
  const [editing, setEditing] = useState<string | null>(null);

  const loadAttention = useCallback(() => {
    gql<PartnerAttentionQuery>(PARTNER_ATTENTION)
      .then(setAttention)
      .catch(() => setAttention(null));
  }, []);

  const load = useCallback(() => {
    if (!storedToken()) {
      setMe(null);
      return;
    }
    gql<PartnerHomeQuery>(PARTNER_HOME)
      .then((data) => {
        setMe(data.me);
        setFailure(null);
        if (data.me.organisation) {
          loadAttention();
        }
      })
      .catch((error: unknown) => {
        setMe(null);
        setFailure(
          error instanceof ApiError && error.code === 'UNAUTHENTICATED'
            ? p.unauthenticated
            : describe(error, p),
        );
      });
  }, [p, loadAttention]);

  useEffect(load, [load, token]);

  const use = (event: Event) => {
    event.preventDefault();
    const value = draft.trim();
    if (value === '') {
      setDraftError(true);
      requestAnimationFrame(() => document.getElementById('token')?.focus());
      return;
    }
    setDraftError(false);
    storeToken(value);
    setDraft('');
    setMessage({ text: '', alert: false });
    setToken(value);
  };

  const forget = () => {
    forgetToken();
    setToken(null);
    setMe(null);
    setAttention(null);
    setFailure(null);
    setEditing(null);
    setMessage({ text: '', alert: false });
  };

  const organisation = me?.organisation ?? null;
  const names = new Map((organisation?.services ?? []).map((s) => [s.id, s.name]));
  const dueIds = new Set(attention?.listingFreshness.unconfirmed.map((u) => u.service.id) ?? []);

  const patch = (updated: Listing, confirmed: boolean) => {
    if (!me?.organisation) {
      return;
    }
    setMe({
      ...me,
      organisation: {
        ...me.organisation,
        services: me.organisation.services.map((s) => (s.id === updated.id ? updated : s)),
      },
    });
    if (attention && confirmed) {
      // Confirmed now: it is no longer due (the server says the same on the next load).
      setAttention({
        ...attention,
        listingFreshness: {
          ...attention.listingFreshness,
          unconfirmed: attention.listingFreshness.unconfirmed.filter(
            (u) => u.service.id !== updated.id,
          ),
        },
      });
    }
  };

  const focusCard = (id: string) =>
    requestAnimationFrame(() => document.getElementById(`listing-${id}`)?.focus());

  const closeEditor = (result: EditorResult) => {
    const was = editing;
    setEditing(null);
    if (result.kind === 'saved') {
      setMessage({ text: p.saved(result.name), alert: false });
      if (me?.organisation) {
        // The card shows the new name and version at once; the reload brings the rest.
        setMe({
          ...me,
          organisation: {
            ...me.organisation,
            services: me.organisation.services.map((s) =>
              s.id === result.id ? { ...s, name: result.name, version: result.version } : s,
            ),
          },
        });
      }
      load();
      focusCard(result.id);
    } else if (result.kind === 'created') {
      setMessage({ text: p.created(result.name), alert: false });
      load();
      focusCard(result.id);
    } else if (was) {
      focusCard(was);
    }
  };

  const editingListing =
    editing && editing !== ''
      ? (organisation?.services.find((s) => s.id === editing) ?? null)
      : null;

  return (
    <div class="partner">
      <h1 id="partner-title" tabIndex={-1} ref={headingRef}>
        {t.partnerTitle}
      </h1>
      {!token ? (
        <form class="token-form" onSubmit={use} autoComplete="off" noValidate>
          <p class="intro">{p.intro}</p>
          <div class="field">
            <label for="token">{t.token}</label>
            <input
              id="token"
              type="password"
              value={draft}
              autoComplete="off"
              spellcheck={false}
              aria-invalid={draftError ? true : undefined}
              aria-describedby={draftError ? 'token-error' : undefined}
              onInput={(e) => setDraft(e.currentTarget.value)}
            />
            {draftError && (
              <p class="field-error" id="token-error">
                {p.keyEmpty}
              </p>
            )}
          </div>
          <button type="submit" class="primary">
            {t.useToken}
          </button>
        </form>
      ) : (
        <div class="signed-in">
          {me?.tokenName && (
            <p>
              {p.signedInAs(me.tokenName)}
              {me.role ? `. ${p.roleLine(p.roles[me.role] ?? me.role)}` : ''}
            </p>
          )}
          <button type="button" class="secondary" onClick={forget}>
            {t.forgetToken}
          </button>
        </div>
      )}
      {failure && (
        <p class="alert" role="alert">
          {failure}
        </p>
      )}
      <p
        class={message.alert ? 'alert' : 'progress'}
        role={message.alert ? 'alert' : 'status'}
        id="partner-message"
      >
        {message.text}
      </p>
      {me && !organisation && <p>{p.notEditor}</p>}
      {organisation && editing !== null && (editing === '' || editingListing) && (
        <ListingEditor
          key={editing}
          id={editing === '' ? null : editing}
          organisationId={organisation.id}
          onClose={closeEditor}
        />
      )}
      {organisation && editing === null && (
        <>
          {attention && (
            <AttentionPanel
              attention={attention}
              onShow={focusCard}
              onMessage={setMessage}
              onClosed={(id) =>
                setAttention({
                  ...attention,
                  listingFlags: attention.listingFlags.filter((f) => f.id !== id),
                })
              }
            />
          )}
          <section aria-labelledby="listings-title">
            <h2 id="listings-title">{p.yourListings(organisation.name)}</h2>
            <button
              type="button"
              class="primary"
              id="new-listing"
              onClick={() => {
                setMessage({ text: '', alert: false });
                setEditing('');
              }}
            >
              {p.newListing}
            </button>
            {organisation.services.length === 0 && <p>{p.noListings}</p>}
            <ul class="plain listings">
              {organisation.services.map((listing) => (
                <li key={listing.id}>
                  <ListingCard
                    listing={listing}
                    names={names}
                    due={dueIds.has(listing.id)}
                    onUpdated={patch}
                    onMessage={setMessage}
                    onEdit={() => {
                      setMessage({ text: '', alert: false });
                      setEditing(listing.id);
                    }}
                  />
                </li>
              ))}
            </ul>
          </section>
          <KeyManager organisationId={organisation.id} onMessage={setMessage} />
        </>
      )}
    </div>
  );
}
