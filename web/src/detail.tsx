import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { gql } from './api';
import { AvailabilityBadge, Tel } from './cards';
import type { ServiceDetailQuery, ServiceDetailQueryVariables } from './generated/graphql';
import { FlagListing } from './flag';
import { formatDate, languageName, nameIn, useI18n } from './i18n';
import { SERVICE_DETAIL } from './operations';

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Everything about one listing, as the public (or the token's role) may see it. */
export function ServiceDetail({
  id,
  onBack,
  headingRef,
}: {
  id: string;
  onBack: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { lang, t } = useI18n();
  const [service, setService] = useState<ServiceDetailQuery['service'] | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    gql<ServiceDetailQuery, ServiceDetailQueryVariables>(SERVICE_DETAIL, { id })
      .then((data) => {
        setService(data.service);
        requestAnimationFrame(() => document.getElementById('detail-title')?.focus());
      })
      .catch((error: unknown) =>
        setFailure(t.error(error instanceof Error ? error.message : String(error))),
      );
  }, [id]);

  const back = (
    <button type="button" class="secondary" onClick={onBack}>
      {t.toSearch}
    </button>
  );
  if (failure) {
    return (
      <div class="detail">
        {back}
        <p class="alert" role="alert">
          {failure}
        </p>
      </div>
    );
  }
  if (service === undefined) {
    return (
      <div class="detail">
        {back}
        <p role="status" class="progress">
          {t.loading}
        </p>
      </div>
    );
  }
  if (service === null) {
    return (
      <div class="detail">
        {back}
        <p role="alert">{t.notFound}</p>
      </div>
    );
  }
  const yesNo = (value: boolean) => (value ? t.yes : t.no);
  const { eligibility, contact, coverage } = service;
  return (
    <div class="detail">
      {back}
      <h1 id="detail-title" tabIndex={-1} ref={headingRef}>
        {service.name}
      </h1>
      <p class="type">
        {nameIn(lang, service.type)}
        {service.demo && <span class="badge demo">{t.demoBadge}</span>}
      </p>
      {service.description && <p class="description">{service.description}</p>}
      <dl class="facts">
        <Row label={t.organisation}>{service.organisation.name}</Row>
        {service.municipality && <Row label={t.location}>{service.municipality.name}</Row>}
        <Row label={t.listing.address}>
          {service.address
            ? `${service.address.street}, ${service.address.postalCode} ${service.address.city}`
            : service.addressConfidential
              ? t.addressSecret
              : '–'}
        </Row>
        {contact.phone && (
          <Row label={t.listing.phone}>
            <Tel phone={contact.phone} />
          </Row>
        )}
        {contact.professionalPhone && (
          <Row label={t.listing.professionalPhone}>
            <Tel phone={contact.professionalPhone} />
          </Row>
        )}
        {contact.email && (
          <Row label={t.listing.email}>
            <a href={`mailto:${contact.email}`}>{contact.email}</a>
          </Row>
        )}
        {contact.website && (
          <Row label={t.listing.website}>
            <a href={contact.website} rel="noopener noreferrer" target="_blank">
              {contact.website}
            </a>
          </Row>
        )}
        <Row label={t.listing.openingHours}>
          {service.open24h ? t.listing.open24h : (service.openingHours ?? '–')}
        </Row>
        <Row label={t.places}>
          <AvailabilityBadge
            availability={
              typeof service.capacity?.freePlaces !== 'number'
                ? 'UNKNOWN'
                : service.capacity.freePlaces > 0
                  ? 'AVAILABLE'
                  : 'FULL'
            }
            capacity={service.capacity}
          />{' '}
          {service.capacity?.reportedAt &&
            t.reportedAt(formatDate(lang, service.capacity.reportedAt) ?? '')}
        </Row>
        <Row label={t.ages}>{t.ageRange(eligibility.minAge, eligibility.maxAge)}</Row>
        <Row label={t.listing.acceptsChildren}>
          {yesNo(eligibility.acceptsChildren)}
          {eligibility.maxBoyAge !== null && ` (${t.maxBoyAge(eligibility.maxBoyAge)})`}
        </Row>
        <Row label={t.selfReferral}>{yesNo(service.selfReferral)}</Row>
        <Row label={t.listing.anonymous}>{yesNo(service.anonymous)}</Row>
        <Row label={t.listing.wheelchairAccessible}>
          {service.wheelchairAccessible === null
            ? t.wheelchairUnknown
            : service.wheelchairAccessible
              ? t.wheelchairYes
              : t.wheelchairNo}
        </Row>
        <Row label={t.listing.targetGroupCodes}>
          {service.targetGroups.map((g) => nameIn(lang, g)).join(', ')}
        </Row>
        <Row label={t.listing.needCodes}>
          {service.needs.map((n) => nameIn(lang, n)).join(', ')}
        </Row>
        <Row label={t.listing.coverage}>
          {[
            ...(coverage.national ? [t.listing.national] : []),
            ...coverage.regions.map((r) => nameIn(lang, r)),
            ...coverage.municipalities.map((m) => m.name),
          ].join(', ') || '–'}
        </Row>
        <Row label={t.listing.languages}>
          {service.languages.map((code) => languageName(lang, code)).join(', ') || '–'}
        </Row>
        <Row label={t.verifiedAt}>{formatDate(lang, service.verifiedAt) ?? t.never}</Row>
      </dl>
      <FlagListing serviceId={service.id} name={service.name} />
    </div>
  );
}
