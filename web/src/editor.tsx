import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql } from './api';
import type {
  PartnerCreateMutation,
  PartnerCreateMutationVariables,
  PartnerServiceQuery,
  PartnerServiceQueryVariables,
  PartnerUpdateMutation,
  PartnerUpdateMutationVariables,
} from './generated/graphql';
import { languageName, nameIn, type Lang } from './i18n';
import {
  changedGroups,
  check,
  describe,
  emptyForm,
  FIELD_ORDER,
  type FieldErrors,
  type FieldKey,
  formOf,
  type Group,
  type ListingForm,
  overlay,
  type PartnerService,
  ROUTES,
  serverErrors,
  toCreate,
  toUpdate,
} from './listing-rules';
import { PARTNER_CREATE, PARTNER_SERVICE, PARTNER_UPDATE } from './partner-operations';
import { type PartnerTexts, usePartnerTexts } from './partner-texts';
import {
  Checkbox,
  CodeTree,
  LanguagePicker,
  NamePicker,
  NeedPicker,
  ServicePicker,
  SingleNamePicker,
} from './pickers';
import { type Reference, useReference } from './reference';

/** What the editor tells the partner view when it closes: what was saved, if anything. */
export type EditorResult =
  | { kind: 'cancelled' }
  | { kind: 'saved'; id: string; name: string; version: number }
  | { kind: 'created'; id: string; name: string };

/** The label of a group of fields, as the conflict view and the field errors name it. */
function groupLabel(group: Group, p: PartnerTexts): string {
  const key =
    group === 'address'
      ? 'address'
      : group === 'wheelchair'
        ? 'wheelchairAccessible'
        : group === 'continuesTo'
          ? 'continuesToIds'
          : group === 'ifFullTry'
            ? 'ifFullTryIds'
            : group;
  return p.fields[key] ?? key;
}

/** A group's value in words, for the conflict view. */
function groupValue(
  group: Group,
  form: ListingForm,
  ref: Reference,
  lang: Lang,
  p: PartnerTexts,
): string {
  const none = p.audit.empty_;
  const yesNo = (b: boolean) => (b ? p.audit.yes : p.audit.no);
  const named = (codes: string[]) =>
    codes.map((c) => {
      const item = ref.byCode.get(c);
      return item ? nameIn(lang, item) : c;
    });
  const municipality = (code: string) =>
    ref.municipalities.find((m) => m.code === code)?.name ?? code;
  const list = (items: string[]) => (items.length > 0 ? items.join(', ') : none);
  switch (group) {
    case 'address':
      return form.street.trim() ? `${form.street}, ${form.postalCode} ${form.city}` : none;
    case 'coverage':
      return form.national
        ? p.fields.national
        : list([...named(form.regionCodes), ...form.municipalityCodes.map(municipality)]);
    case 'typeCode':
      return named([form.typeCode])[0] ?? none;
    case 'targetGroupCodes':
    case 'needCodes':
      return list(named(form[group]));
    case 'municipalityCode':
      return form.municipalityCode ? municipality(form.municipalityCode) : none;
    case 'languages':
      return list(form.languages.map((c) => languageName(lang, c)));
    case 'referralRoutes':
      return list(form.referralRoutes.map((r) => p.routes[r] ?? r));
    case 'continuesTo':
    case 'ifFullTry':
      return list(form[group].map((s) => s.name));
    case 'wheelchair':
      return p.wheelchair[form.wheelchair];
    case 'addressConfidential':
    case 'open24h':
    case 'anonymous':
    case 'acceptsChildren':
      return yesNo(form[group]);
    case 'name':
    case 'description':
    case 'phone':
    case 'professionalPhone':
    case 'email':
    case 'website':
    case 'openingHours':
    case 'minAge':
    case 'maxAge':
    case 'maxBoyAge':
      return form[group].trim() || none;
  }
}

/**
 * Edits every field of a listing, or creates one for the organisation. Checked in Danish before
 * sending; the server's refusals land next to their fields; on a version conflict the person's
 * own changes are shown beside the newer version and kept.
 */
export function ListingEditor({
  id,
  organisationId,
  onClose,
}: {
  /** null: a new listing. */
  id: string | null;
  organisationId: string;
  onClose: (result: EditorResult) => void;
}) {
  const { lang, p } = usePartnerTexts();
  const ref = useReference();
  const [base, setBase] = useState<PartnerService | null>(null);
  const [form, setForm] = useState<ListingForm | null>(id === null ? emptyForm() : null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const [stale, setStale] = useState<{ newest: PartnerService; groups: Group[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const staleBox = useRef<HTMLDivElement>(null);

  const fetchService = useCallback(
    async (serviceId: string) =>
      (
        await gql<PartnerServiceQuery, PartnerServiceQueryVariables>(PARTNER_SERVICE, {
          id: serviceId,
        })
      ).service,
    [],
  );

  useEffect(() => {
    if (id === null) {
      requestAnimationFrame(() => heading.current?.focus());
      return;
    }
    fetchService(id)
      .then((service) => {
        if (!service) {
          setFailure(p.notFound);
          return;
        }
        setBase(service);
        setForm(formOf(service));
        requestAnimationFrame(() => heading.current?.focus());
      })
      .catch((error: unknown) => setFailure(describe(error, p)));
  }, [id, fetchService, p]);

  if (failure) {
    return (
      <div class="editor">
        <p class="alert" role="alert">
          {failure}
        </p>
        <button type="button" class="secondary" onClick={() => onClose({ kind: 'cancelled' })}>
          {p.close}
        </button>
      </div>
    );
  }
  if (!form || (id !== null && !base)) {
    return (
      <p role="status" class="progress">
        {p.loading}
      </p>
    );
  }

  const set = <K extends keyof ListingForm>(key: K, value: ListingForm[K]) => {
    setForm({ ...form, [key]: value });
    setStatus('');
  };

  const showErrors = (found: FieldErrors) => {
    setErrors(found);
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first) {
      requestAnimationFrame(() =>
        document
          .querySelector<HTMLElement>(
            `[data-field="${first}"] input, [data-field="${first}"] select, [data-field="${first}"] textarea`,
          )
          ?.focus(),
      );
    }
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy || stale) {
      return;
    }
    const before = base ? formOf(base) : emptyForm();
    const groups = base ? changedGroups(before, form) : undefined;
    const found = check(form, p, groups);
    if (Object.keys(found).length > 0) {
      showErrors(found);
      setStatus(p.fixFields(Object.keys(found).length));
      return;
    }
    if (base && groups?.length === 0) {
      setErrors({});
      setStatus(p.nothingChanged);
      return;
    }
    setBusy(true);
    setErrors({});
    setStatus(p.saving);
    try {
      if (base) {
        const data = await gql<PartnerUpdateMutation, PartnerUpdateMutationVariables>(
          PARTNER_UPDATE,
          { id: base.id, expectedVersion: base.version, input: toUpdate(before, form) },
        );
        onClose({
          kind: 'saved',
          id: base.id,
          name: form.name.trim(),
          version: data.updateService.version,
        });
      } else {
        const data = await gql<PartnerCreateMutation, PartnerCreateMutationVariables>(
          PARTNER_CREATE,
          { input: toCreate(form, organisationId) },
        );
        const created = data.createService;
        // Onward referrals are not part of a new listing's input: they are saved right after.
        if (form.continuesTo.length > 0 || form.ifFullTry.length > 0) {
          await gql<PartnerUpdateMutation, PartnerUpdateMutationVariables>(PARTNER_UPDATE, {
            id: created.id,
            expectedVersion: created.version,
            input: {
              continuesToIds: form.continuesTo.map((s) => s.id),
              ifFullTryIds: form.ifFullTry.map((s) => s.id),
            },
          });
        }
        onClose({ kind: 'created', id: created.id, name: form.name.trim() });
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION' && base) {
        try {
          const newest = await fetchService(base.id);
          if (!newest) {
            setFailure(p.notFound);
            return;
          }
          setStale({ newest, groups: changedGroups(formOf(base), form) });
          setStatus('');
          requestAnimationFrame(() => staleBox.current?.focus());
        } catch (again) {
          setStatus('');
          setErrors({ form: describe(again, p) });
        }
      } else if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        const found = serverErrors(error, p);
        showErrors(found);
        setStatus(p.fixFields(Object.keys(found).length));
      } else {
        setStatus('');
        setErrors({ form: describe(error, p) });
      }
    } finally {
      setBusy(false);
    }
  };

  const errorId = (key: FieldKey) => `edit-${key}-error`;
  const describedBy = (key: FieldKey, hint?: string) =>
    [hint, errors[key] ? errorId(key) : undefined].filter(Boolean).join(' ') || undefined;
  const invalid = (key: FieldKey) => (errors[key] ? true : undefined);
  const errorText = (key: FieldKey) =>
    errors[key] ? (
      <p class="field-error" id={errorId(key)}>
        {errors[key]}
      </p>
    ) : null;

  const textField = (
    key: 'name' | 'phone' | 'professionalPhone' | 'email' | 'website' | 'openingHours',
    options: { hint?: string; inputMode?: 'tel' | 'email' | 'url' } = {},
  ) => (
    <div class="field" data-field={key}>
      <label for={`edit-${key}`}>{p.fields[key]}</label>
      {options.hint && (
        <p class="hint" id={`edit-${key}-hint`}>
          {options.hint}
        </p>
      )}
      <input
        id={`edit-${key}`}
        type="text"
        inputMode={options.inputMode}
        value={form[key]}
        aria-invalid={invalid(key)}
        aria-describedby={describedBy(key, options.hint ? `edit-${key}-hint` : undefined)}
        onInput={(e) => set(key, e.currentTarget.value)}
      />
      {errorText(key)}
    </div>
  );
  /** One line of the address; a wrong address is one error for all three (`address`). */
  const addressField = (
    key: 'street' | 'postalCode' | 'city',
    inline: boolean,
    numeric = false,
  ) => (
    <div class={inline ? 'field inline' : 'field'}>
      <label for={`edit-${key}`}>{p.fields[key]}</label>
      <input
        id={`edit-${key}`}
        type="text"
        inputMode={numeric ? 'numeric' : undefined}
        class={numeric ? 'short' : undefined}
        value={form[key]}
        aria-invalid={invalid('address')}
        onInput={(e) => set(key, e.currentTarget.value)}
      />
    </div>
  );
  const ageField = (key: 'minAge' | 'maxAge' | 'maxBoyAge') => (
    <div class="field inline" data-field={key}>
      <label for={`edit-${key}`}>{p.fields[key]}</label>
      <input
        id={`edit-${key}`}
        type="text"
        inputMode="numeric"
        class="short"
        value={form[key]}
        aria-invalid={invalid(key)}
        aria-describedby={describedBy(key, 'edit-ages-hint')}
        onInput={(e) => set(key, e.currentTarget.value)}
      />
      {errorText(key)}
    </div>
  );
  const flag = (key: 'open24h' | 'anonymous' | 'acceptsChildren' | 'addressConfidential') => (
    <div class="field">
      <Checkbox
        id={`edit-${key}`}
        label={p.fields[key]}
        checked={form[key]}
        onChange={(on) => set(key, on)}
      />
    </div>
  );

  const title = base ? p.editTitle(base.name) : p.createTitle;
  return (
    <section class="editor" aria-labelledby="editor-title">
      <h2 id="editor-title" tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {stale && base && (
        <div class="alert stale" role="alert" tabIndex={-1} ref={staleBox}>
          <h3>{p.staleTitle}</h3>
          <p>{p.staleIntro}</p>
          <table class="compare">
            <thead>
              <tr>
                <th scope="col">{p.staleField}</th>
                <th scope="col">{p.staleYours}</th>
                <th scope="col">{p.staleTheirs}</th>
              </tr>
            </thead>
            <tbody>
              {stale.groups.map((group) => (
                <tr key={group}>
                  <th scope="row">{groupLabel(group, p)}</th>
                  <td>{groupValue(group, form, ref, lang, p)}</td>
                  <td>{groupValue(group, formOf(stale.newest), ref, lang, p)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="actions">
            <button
              type="button"
              class="primary"
              onClick={() => {
                setForm(overlay(formOf(stale.newest), formOf(base), form));
                setBase(stale.newest);
                setStale(null);
                setStatus(p.staleKept);
                requestAnimationFrame(() => heading.current?.focus());
              }}
            >
              {p.keepMine}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setForm(formOf(stale.newest));
                setBase(stale.newest);
                setStale(null);
                setStatus('');
              }}
            >
              {p.dropMine}
            </button>
          </div>
        </div>
      )}
      <form id="listing-form" onSubmit={(e) => void save(e)} noValidate autoComplete="off">
        {errors.form && (
          <p class="alert" role="alert">
            {errors.form}
          </p>
        )}
        <fieldset class="block">
          <legend>{p.sections.basics}</legend>
          {textField('name')}
          <div class="field" data-field="typeCode">
            <label for="edit-typeCode">{p.fields.typeCode}</label>
            <select
              id="edit-typeCode"
              value={form.typeCode}
              aria-invalid={invalid('typeCode')}
              aria-describedby={describedBy('typeCode')}
              onChange={(e) => set('typeCode', e.currentTarget.value)}
            >
              <option value="">–</option>
              {ref.types.map((type) => (
                <option key={type.code} value={type.code}>
                  {nameIn(lang, type)}
                </option>
              ))}
            </select>
            {errorText('typeCode')}
          </div>
          <div class="field" data-field="description">
            <label for="edit-description">{p.fields.description}</label>
            <textarea
              id="edit-description"
              rows={4}
              value={form.description}
              aria-invalid={invalid('description')}
              aria-describedby={describedBy('description')}
              onInput={(e) => set('description', e.currentTarget.value)}
            />
            {errorText('description')}
          </div>
        </fieldset>

        <fieldset
          class="block"
          data-field="targetGroupCodes"
          aria-invalid={invalid('targetGroupCodes')}
          aria-describedby={describedBy('targetGroupCodes')}
        >
          <legend>{p.sections.who}</legend>
          {errorText('targetGroupCodes')}
          <CodeTree
            idPrefix="edit-group"
            nodes={ref.groups}
            selected={form.targetGroupCodes}
            onChange={(next) => set('targetGroupCodes', next)}
          />
          <div class="ages">
            <p class="hint" id="edit-ages-hint">
              {p.hints.ages}
            </p>
            {ageField('minAge')}
            {ageField('maxAge')}
            {ageField('maxBoyAge')}
          </div>
          {flag('acceptsChildren')}
        </fieldset>

        <fieldset
          class="block"
          data-field="needCodes"
          aria-invalid={invalid('needCodes')}
          aria-describedby={describedBy('needCodes')}
        >
          <legend>{p.sections.what}</legend>
          {errorText('needCodes')}
          <NeedPicker
            idPrefix="edit-need"
            needs={ref.needs}
            otherLabel={lang === 'da' ? 'Andet' : 'Other'}
            selected={form.needCodes}
            onChange={(next) => set('needCodes', next)}
          />
        </fieldset>

        <fieldset class="block">
          <legend>{p.sections.where}</legend>
          <div data-field="municipalityCode">
            <SingleNamePicker
              id="edit-municipalityCode"
              label={p.fields.municipalityCode}
              options={ref.municipalities}
              value={form.municipalityCode}
              invalid={invalid('municipalityCode')}
              describedBy={describedBy('municipalityCode')}
              onChange={(code) => set('municipalityCode', code)}
            />
            {errorText('municipalityCode')}
          </div>
          <fieldset class="address" data-field="address" aria-describedby={describedBy('address')}>
            <legend>{p.fields.address}</legend>
            {addressField('street', false)}
            {addressField('postalCode', true, true)}
            {addressField('city', true)}
            {errorText('address')}
            {flag('addressConfidential')}
          </fieldset>
          <fieldset
            class="coverage"
            data-field="coverage"
            aria-describedby={describedBy('coverage', 'edit-coverage-hint')}
          >
            <legend>{p.fields.coverage}</legend>
            <p class="hint" id="edit-coverage-hint">
              {p.hints.coverage}
            </p>
            {errorText('coverage')}
            <Checkbox
              id="edit-national"
              label={p.fields.national}
              checked={form.national}
              onChange={(on) => set('national', on)}
            />
            {!form.national && (
              <>
                <NamePicker
                  id="edit-regions"
                  label={p.fields.regionCodes}
                  options={ref.regions}
                  selected={form.regionCodes}
                  invalid={invalid('coverage')}
                  onChange={(next) => set('regionCodes', next)}
                />
                <NamePicker
                  id="edit-municipalities"
                  label={p.fields.municipalityCodes}
                  options={ref.municipalities}
                  selected={form.municipalityCodes}
                  invalid={invalid('coverage')}
                  onChange={(next) => set('municipalityCodes', next)}
                />
              </>
            )}
          </fieldset>
        </fieldset>

        <fieldset class="block">
          <legend>{p.sections.contact}</legend>
          {textField('phone', { hint: p.hints.phone, inputMode: 'tel' })}
          {textField('professionalPhone', { inputMode: 'tel' })}
          {textField('email', { inputMode: 'email' })}
          {textField('website', { inputMode: 'url' })}
          {textField('openingHours')}
          {flag('open24h')}
        </fieldset>

        <fieldset class="block">
          <legend>{p.sections.access}</legend>
          <fieldset
            data-field="referralRoutes"
            aria-invalid={invalid('referralRoutes')}
            aria-describedby={describedBy('referralRoutes')}
          >
            <legend>{p.fields.referralRoutes}</legend>
            {errorText('referralRoutes')}
            <ul class="plain">
              {ROUTES.map((route) => (
                <li key={route}>
                  <Checkbox
                    id={`edit-route-${route}`}
                    label={p.routes[route]}
                    checked={form.referralRoutes.includes(route)}
                    onChange={(on) =>
                      set(
                        'referralRoutes',
                        on
                          ? [...form.referralRoutes, route]
                          : form.referralRoutes.filter((r) => r !== route),
                      )
                    }
                  />
                </li>
              ))}
            </ul>
          </fieldset>
          {flag('anonymous')}
          <div class="field" data-field="wheelchair">
            <label for="edit-wheelchair">{p.fields.wheelchairAccessible}</label>
            <select
              id="edit-wheelchair"
              value={form.wheelchair}
              onChange={(e) =>
                set('wheelchair', e.currentTarget.value as ListingForm['wheelchair'])
              }
            >
              <option value="yes">{p.wheelchair.yes}</option>
              <option value="no">{p.wheelchair.no}</option>
              <option value="unknown">{p.wheelchair.unknown}</option>
            </select>
          </div>
          <fieldset data-field="languages">
            <legend>{p.fields.languages}</legend>
            {errorText('languages')}
            <LanguagePicker selected={form.languages} onChange={(next) => set('languages', next)} />
          </fieldset>
        </fieldset>

        <fieldset class="block">
          <legend>{p.sections.onward}</legend>
          <div data-field="continuesToIds">
            <ServicePicker
              id="edit-continuesTo"
              label={p.fields.continuesToIds}
              hint={p.hints.onward}
              selected={form.continuesTo}
              exclude={base?.id ?? null}
              invalid={invalid('continuesToIds')}
              errorId={errorId('continuesToIds')}
              onChange={(next) => set('continuesTo', next)}
            />
            {errorText('continuesToIds')}
          </div>
          <div data-field="ifFullTryIds">
            <ServicePicker
              id="edit-ifFullTry"
              label={p.fields.ifFullTryIds}
              hint={p.hints.onward}
              selected={form.ifFullTry}
              exclude={base?.id ?? null}
              invalid={invalid('ifFullTryIds')}
              errorId={errorId('ifFullTryIds')}
              onChange={(next) => set('ifFullTry', next)}
            />
            {errorText('ifFullTryIds')}
          </div>
        </fieldset>

        <div class="actions sticky-actions">
          <button type="submit" id="listing-save" class="primary" disabled={busy || stale !== null}>
            {busy ? p.saving : base ? p.save : p.create}
          </button>
          <button type="button" class="secondary" onClick={() => onClose({ kind: 'cancelled' })}>
            {p.cancel}
          </button>
          <span class="progress" role="status" id="listing-status">
            {status}
          </span>
        </div>
      </form>
    </section>
  );
}
