import type { Ref } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { forgetToken, gql, storedToken, storeToken } from './api';
import { describeError } from './describe-error';
import type {
  AuditLogQuery,
  AuditLogQueryVariables,
  ConfirmServiceMutation,
  ConfirmServiceMutationVariables,
  MeQuery,
  ReportAvailabilityMutation,
  ReportAvailabilityMutationVariables,
} from './generated/graphql';
import { formatDate, useI18n } from './i18n';
import { ListingEditor } from './editor';
import { AUDIT_LOG, CONFIRM_SERVICE, ME, REPORT_AVAILABILITY } from './operations';

type Me = MeQuery['me'];
type Listing = NonNullable<Me['organisation']>['services'][number];

/** Free places in two clicks: open the chooser, click the number. */
/** A short labelled field for a whole number, kept as text until the form checks it. */
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
        inputMode="numeric"
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </span>
  );
}

function ReportPlaces({
  listing,
  onReported,
}: {
  listing: Listing;
  onReported: (message: string) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [free, setFree] = useState('');
  const [total, setTotal] = useState(String(listing.capacity?.totalPlaces ?? ''));
  const [failure, setFailure] = useState<string | null>(null);
  const total0 = listing.capacity?.totalPlaces ?? null;
  const firstChoice = useRef<HTMLButtonElement>(null);

  const report = async (freePlaces: number, totalPlaces: number) => {
    setFailure(null);
    try {
      await gql<ReportAvailabilityMutation, ReportAvailabilityMutationVariables>(
        REPORT_AVAILABILITY,
        { id: listing.id, freePlaces, totalPlaces },
      );
      setOpen(false);
      onReported(t.reported(freePlaces));
    } catch (error) {
      setFailure(describeError(t, error));
    }
  };

  if (!open) {
    return (
      <button
        type="button"
        class="primary"
        onClick={() => {
          setOpen(true);
          requestAnimationFrame(() => firstChoice.current?.focus());
        }}
      >
        {t.reportPlaces}
      </button>
    );
  }
  const groupId = `report-${listing.id}`;
  return (
    <div class="report" role="group" aria-labelledby={groupId}>
      <p id={groupId}>{t.reportHowMany(listing.name)}</p>
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
                {t.freeCount(n, total0)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="other-count"
        onSubmit={(e) => {
          e.preventDefault();
          const f = Number(free);
          const tot = Number(total);
          if (!Number.isInteger(f) || !Number.isInteger(tot) || free === '' || total === '') {
            setFailure(t.error(t.freePlacesLabel));
            return;
          }
          void report(f, tot);
        }}
      >
        <NumberField
          id={`${groupId}-free`}
          label={t.freePlacesLabel}
          value={free}
          onInput={setFree}
        />
        <NumberField
          id={`${groupId}-total`}
          label={t.totalPlacesLabel}
          value={total}
          onInput={setTotal}
        />
        <button type="submit" class="secondary">
          {t.report}
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t.cancel}
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

function AuditLog({ serviceId }: { serviceId: string }) {
  const { lang, t } = useI18n();
  const [entries, setEntries] = useState<AuditLogQuery['auditLog'] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    gql<AuditLogQuery, AuditLogQueryVariables>(AUDIT_LOG, { id: serviceId })
      .then((data) => setEntries(data.auditLog))
      .catch((error: unknown) => setFailure(describeError(t, error)));
  }, [serviceId, t]);
  if (failure) {
    return (
      <p class="alert" role="alert">
        {failure}
      </p>
    );
  }
  if (!entries) {
    return (
      <p role="status" class="progress">
        {t.loading}
      </p>
    );
  }
  if (entries.edges.length === 0) {
    return <p>{t.auditEmpty}</p>;
  }
  return (
    <ol class="plain audit">
      {entries.edges.map(({ node }) => (
        <li key={node.id}>
          <p>
            <strong>{t.auditActions[node.action]}</strong> {formatDate(lang, node.at)}
            {node.tokenName ? ` ${t.auditBy(node.tokenName)}` : ''} ({t.version(node.version)})
          </p>
          {node.changes.length > 0 && (
            <ul>
              {node.changes.map((change) => (
                <li key={change.field}>
                  <code>{change.field}</code>: {change.from ?? '–'} → {change.to ?? '–'}
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
  onChanged,
  onEdit,
}: {
  listing: Listing;
  onChanged: (message: string) => void;
  onEdit: () => void;
}) {
  const { lang, t } = useI18n();
  const [showAudit, setShowAudit] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const capacity = listing.capacity;
  const headingId = `listing-${listing.id}`;

  const confirm = async () => {
    setFailure(null);
    try {
      await gql<ConfirmServiceMutation, ConfirmServiceMutationVariables>(CONFIRM_SERVICE, {
        id: listing.id,
        expectedVersion: listing.version,
      });
      onChanged(t.confirmed);
    } catch (error) {
      setFailure(describeError(t, error));
    }
  };

  return (
    <article class="card listing" aria-labelledby={headingId} data-service-id={listing.id}>
      <h3 id={headingId} class="card-title" tabIndex={-1}>
        {listing.name}
      </h3>
      <dl class="facts compact">
        <div class="row">
          <dt>{t.lastVerified}</dt>
          <dd>{formatDate(lang, listing.verifiedAt) ?? t.never}</dd>
        </div>
        <div class="row">
          <dt>{t.places}</dt>
          <dd class="places">
            {typeof capacity?.freePlaces === 'number' && typeof capacity.totalPlaces === 'number'
              ? t.freePlaces(capacity.freePlaces, capacity.totalPlaces)
              : t.placesUnknown}
            {capacity?.reportedAt
              ? ` (${t.reportedAt(formatDate(lang, capacity.reportedAt) ?? '')})`
              : ''}
          </dd>
        </div>
      </dl>
      <div class="actions">
        <ReportPlaces listing={listing} onReported={onChanged} />
        <button type="button" class="secondary" onClick={onEdit}>
          {t.edit}
        </button>
        <button type="button" class="secondary" onClick={() => void confirm()}>
          {t.confirm}
        </button>
        <button
          type="button"
          class="secondary"
          aria-expanded={showAudit}
          onClick={() => setShowAudit(!showAudit)}
        >
          {t.auditLog}
        </button>
      </div>
      {failure && (
        <p class="alert" role="alert">
          {failure}
        </p>
      )}
      {showAudit && (
        <section class="audit-log" aria-label={`${t.auditLog}: ${listing.name}`}>
          <AuditLog serviceId={listing.id} key={listing.version} />
        </section>
      )}
    </article>
  );
}

export function PartnerView({ headingRef }: { headingRef: Ref<HTMLHeadingElement> }) {
  const { t } = useI18n();
  const [token, setToken] = useState<string | null>(() => storedToken());
  const [draft, setDraft] = useState('');
  const [me, setMe] = useState<Me | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [editing, setEditing] = useState<string | null>(null);

  const load = useCallback(() => {
    if (!storedToken()) {
      setMe(null);
      return;
    }
    gql<MeQuery>(ME)
      .then((data) => {
        setMe(data.me);
        setFailure(null);
      })
      .catch((error: unknown) => {
        setMe(null);
        setFailure(describeError(t, error));
      });
  }, [t]);

  useEffect(load, [load, token]);

  const use = (event: Event) => {
    event.preventDefault();
    const value = draft.trim();
    if (value === '') {
      return;
    }
    storeToken(value);
    setDraft('');
    setMessage('');
    setToken(value);
  };

  const forget = () => {
    forgetToken();
    setToken(null);
    setMe(null);
    setFailure(null);
    setEditing(null);
    setMessage('');
  };

  const organisation = me?.organisation ?? null;
  const editingListing = organisation?.services.find((s) => s.id === editing) ?? null;

  return (
    <div class="partner">
      <h1 id="partner-title" tabIndex={-1} ref={headingRef}>
        {t.partnerTitle}
      </h1>
      {!token ? (
        <form class="token-form" onSubmit={use} autoComplete="off">
          <p class="intro">{t.partnerIntro}</p>
          <div class="field">
            <label for="token">{t.token}</label>
            <input
              id="token"
              type="password"
              value={draft}
              autoComplete="off"
              spellcheck={false}
              onInput={(e) => setDraft(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="primary">
            {t.useToken}
          </button>
        </form>
      ) : (
        <div class="signed-in">
          {me?.tokenName && me.role && <p>{t.signedInAs(me.tokenName, me.role)}</p>}
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
      <p class="progress" role="status">
        {message}
      </p>
      {me && !organisation && <p>{t.notEditor}</p>}
      {organisation && editingListing && (
        <ListingEditor
          key={editingListing.id}
          id={editingListing.id}
          onClose={(saved) => {
            setEditing(null);
            if (saved) {
              setMessage(t.saved);
            }
            load();
            requestAnimationFrame(() =>
              document.getElementById(`listing-${editingListing.id}`)?.focus(),
            );
          }}
        />
      )}
      {organisation && !editingListing && (
        <section aria-labelledby="listings-title">
          <h2 id="listings-title">{t.yourListings(organisation.name)}</h2>
          {organisation.services.length === 0 && <p>{t.noListings}</p>}
          <ul class="plain listings">
            {organisation.services.map((listing) => (
              <li key={listing.id}>
                <ListingCard
                  listing={listing}
                  onEdit={() => {
                    setMessage('');
                    setEditing(listing.id);
                  }}
                  onChanged={(text) => {
                    setMessage(text);
                    load();
                  }}
                />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
