import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql } from './api';
import { describeError } from './describe-error';
import type {
  ServiceDetailQuery,
  ServiceDetailQueryVariables,
  UpdateServiceInput,
  UpdateServiceMutation,
  UpdateServiceMutationVariables,
} from './generated/graphql';
import { useI18n } from './i18n';
import { SERVICE_DETAIL, UPDATE_SERVICE } from './operations';

type Service = NonNullable<ServiceDetailQuery['service']>;

const TEXT_FIELDS = [
  'name',
  'phone',
  'professionalPhone',
  'email',
  'website',
  'openingHours',
] as const;
const NUMBER_FIELDS = ['minAge', 'maxAge', 'maxBoyAge'] as const;
const FLAG_FIELDS = ['open24h', 'anonymous', 'acceptsChildren'] as const;

type TextField = (typeof TEXT_FIELDS)[number] | 'description' | 'languages';
type NumberField = (typeof NUMBER_FIELDS)[number];
type FlagField = (typeof FLAG_FIELDS)[number];
export type FieldKey = TextField | NumberField | FlagField | 'wheelchairAccessible';

interface Form {
  text: Record<TextField | NumberField, string>;
  flags: Record<FlagField, boolean>;
  wheelchair: 'yes' | 'no' | 'unknown';
}

function formOf(s: Service): Form {
  const num = (n: number | null) => (n === null ? '' : String(n));
  return {
    text: {
      name: s.name,
      description: s.description ?? '',
      phone: s.contact.phone ?? '',
      professionalPhone: s.contact.professionalPhone ?? '',
      email: s.contact.email ?? '',
      website: s.contact.website ?? '',
      openingHours: s.openingHours ?? '',
      languages: s.languages.join(', '),
      minAge: num(s.eligibility.minAge),
      maxAge: num(s.eligibility.maxAge),
      maxBoyAge: num(s.eligibility.maxBoyAge),
    },
    flags: {
      open24h: s.open24h,
      anonymous: s.anonymous,
      acceptsChildren: s.eligibility.acceptsChildren,
    },
    wheelchair: s.wheelchairAccessible === null ? 'unknown' : s.wheelchairAccessible ? 'yes' : 'no',
  };
}

const ALL_FIELDS: FieldKey[] = [
  ...TEXT_FIELDS,
  'description',
  'languages',
  ...NUMBER_FIELDS,
  ...FLAG_FIELDS,
  'wheelchairAccessible',
];

/**
 * Which field a BAD_USER_INPUT error is about: the validator's messages start with the property
 * (`phone must be …`, `address.postalCode must be …`); the API's own checks name an `argument`
 * (`input.minAge`). Anything else is shown for the whole form.
 */
export function fieldErrors(error: ApiError): {
  fields: Partial<Record<FieldKey, string>>;
  form: string[];
} {
  const fields: Partial<Record<FieldKey, string>> = {};
  const form: string[] = [];
  const fieldOf = (path: string): FieldKey | undefined => {
    const first = path.replace(/^input\./, '').split('.')[0];
    return ALL_FIELDS.find((f) => f === first);
  };
  const problems = Array.isArray(error.extensions.problems)
    ? error.extensions.problems.filter((p): p is string => typeof p === 'string')
    : [];
  if (problems.length > 0) {
    for (const problem of problems) {
      const [path, ...rest] = problem.split(' ');
      const field = fieldOf(path);
      if (field) {
        // Shown next to the field: its label says which one, the text says what is wrong.
        const text = rest.join(' ');
        const said = text.charAt(0).toUpperCase() + text.slice(1);
        fields[field] = fields[field] ? `${fields[field]}; ${said}` : said;
      } else {
        form.push(problem);
      }
    }
    return { fields, form };
  }
  const argument = typeof error.extensions.argument === 'string' ? error.extensions.argument : '';
  const field = fieldOf(argument);
  if (field) {
    fields[field] = error.message;
  } else {
    form.push(error.message);
  }
  return { fields, form };
}

/** Only what changed is sent: an untouched field is never rewritten (or re-validated). */
function changes(before: Form, after: Form): UpdateServiceInput | { error: NumberField } {
  const input: UpdateServiceInput = {};
  const nullable = (v: string) => (v.trim() === '' ? null : v.trim());
  for (const key of TEXT_FIELDS) {
    if (after.text[key] !== before.text[key]) {
      input[key] = key === 'name' ? after.text.name.trim() : nullable(after.text[key]);
    }
  }
  if (after.text.description !== before.text.description) {
    input.description = nullable(after.text.description);
  }
  if (after.text.languages !== before.text.languages) {
    input.languages = after.text.languages
      .split(',')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l !== '');
  }
  for (const key of NUMBER_FIELDS) {
    const text = after.text[key].trim();
    if (text !== before.text[key].trim()) {
      if (text !== '' && !/^\d{1,3}$/.test(text)) {
        return { error: key };
      }
      input[key] = text === '' ? null : Number(text);
    }
  }
  for (const key of FLAG_FIELDS) {
    if (after.flags[key] !== before.flags[key]) {
      input[key] = after.flags[key];
    }
  }
  if (after.wheelchair !== before.wheelchair) {
    input.wheelchairAccessible = after.wheelchair === 'unknown' ? null : after.wheelchair === 'yes';
  }
  return input;
}

export function ListingEditor({ id, onClose }: { id: string; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const [service, setService] = useState<Service | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [fieldMessages, setFieldMessages] = useState<Partial<Record<FieldKey, string>>>({});
  const [formMessages, setFormMessages] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const staleAlert = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    gql<ServiceDetailQuery, ServiceDetailQueryVariables>(SERVICE_DETAIL, { id })
      .then((data) => {
        if (data.service) {
          setService(data.service);
          setForm(formOf(data.service));
          setStale(false);
          setFieldMessages({});
          setFormMessages([]);
          requestAnimationFrame(() => heading.current?.focus());
        } else {
          setFailure(t.notFound);
        }
      })
      .catch((error: unknown) => setFailure(describeError(t, error)));
  }, [id, t]);

  useEffect(load, [load]);

  if (failure) {
    return (
      <div class="editor">
        <p class="alert" role="alert">
          {failure}
        </p>
        <button type="button" class="secondary" onClick={() => onClose(false)}>
          {t.close}
        </button>
      </div>
    );
  }
  if (!service || !form) {
    return (
      <p role="status" class="progress">
        {t.loading}
      </p>
    );
  }

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy) {
      return;
    }
    const input = changes(formOf(service), form);
    if ('error' in input) {
      setFieldMessages({ [input.error]: t.badAge });
      requestAnimationFrame(() => document.getElementById(`edit-${input.error}`)?.focus());
      return;
    }
    if (Object.keys(input).length === 0) {
      onClose(false);
      return;
    }
    setBusy(true);
    setFieldMessages({});
    setFormMessages([]);
    try {
      await gql<UpdateServiceMutation, UpdateServiceMutationVariables>(UPDATE_SERVICE, {
        id,
        expectedVersion: service.version,
        input,
      });
      onClose(true);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'STALE_VERSION') {
        setStale(true);
        requestAnimationFrame(() => staleAlert.current?.focus());
      } else if (error instanceof ApiError && error.code === 'BAD_USER_INPUT') {
        const mapped = fieldErrors(error);
        setFieldMessages(mapped.fields);
        setFormMessages(mapped.form.length > 0 ? mapped.form : [t.fixFields]);
        const first = ALL_FIELDS.find((f) => mapped.fields[f]);
        if (first) {
          requestAnimationFrame(() => document.getElementById(`edit-${first}`)?.focus());
        }
      } else {
        setFormMessages([describeError(t, error)]);
      }
    } finally {
      setBusy(false);
    }
  };

  const describe = (key: FieldKey) => (fieldMessages[key] ? `edit-${key}-error` : undefined);
  const errorText = (key: FieldKey) =>
    fieldMessages[key] ? (
      <p class="field-error" id={`edit-${key}-error`}>
        {fieldMessages[key]}
      </p>
    ) : null;
  const textInput = (key: TextField | NumberField, multiline = false) => (
    <div class="field" key={key}>
      <label for={`edit-${key}`}>{t.fields[key]}</label>
      {multiline ? (
        <textarea
          id={`edit-${key}`}
          rows={4}
          value={form.text[key]}
          aria-invalid={fieldMessages[key] ? true : undefined}
          aria-describedby={describe(key)}
          onInput={(e) =>
            setForm({ ...form, text: { ...form.text, [key]: e.currentTarget.value } })
          }
        />
      ) : (
        <input
          id={`edit-${key}`}
          type="text"
          class={NUMBER_FIELDS.some((n) => n === key) ? 'short' : undefined}
          inputMode={NUMBER_FIELDS.some((n) => n === key) ? 'numeric' : undefined}
          value={form.text[key]}
          aria-invalid={fieldMessages[key] ? true : undefined}
          aria-describedby={describe(key)}
          onInput={(e) =>
            setForm({ ...form, text: { ...form.text, [key]: e.currentTarget.value } })
          }
        />
      )}
      {errorText(key)}
    </div>
  );

  return (
    <section class="editor" aria-labelledby="editor-title">
      <h2 id="editor-title" tabIndex={-1} ref={heading}>
        {t.editTitle(service.name)}
      </h2>
      {stale && (
        <div class="alert stale" role="alert" tabIndex={-1} ref={staleAlert}>
          <p>{t.staleSave}</p>
          <button type="button" class="primary" onClick={load}>
            {t.reload}
          </button>
        </div>
      )}
      <form onSubmit={(e) => void save(e)} noValidate autoComplete="off">
        {formMessages.length > 0 && (
          <div class="alert" role="alert">
            {formMessages.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        )}
        {textInput('name')}
        {textInput('description', true)}
        {textInput('phone')}
        {textInput('professionalPhone')}
        {textInput('email')}
        {textInput('website')}
        {textInput('openingHours')}
        {textInput('languages')}
        {textInput('minAge')}
        {textInput('maxAge')}
        {textInput('maxBoyAge')}
        {FLAG_FIELDS.map((key) => (
          <div class="field" key={key}>
            <span class="check">
              <input
                type="checkbox"
                id={`edit-${key}`}
                checked={form.flags[key]}
                aria-describedby={describe(key)}
                onChange={(e) =>
                  setForm({ ...form, flags: { ...form.flags, [key]: e.currentTarget.checked } })
                }
              />
              <label for={`edit-${key}`}>{t.fields[key]}</label>
            </span>
            {errorText(key)}
          </div>
        ))}
        <div class="field">
          <label for="edit-wheelchairAccessible">{t.fields.wheelchairAccessible}</label>
          <select
            id="edit-wheelchairAccessible"
            value={form.wheelchair}
            aria-describedby={describe('wheelchairAccessible')}
            onChange={(e) =>
              setForm({ ...form, wheelchair: e.currentTarget.value as Form['wheelchair'] })
            }
          >
            <option value="yes">{t.yes}</option>
            <option value="no">{t.no}</option>
            <option value="unknown">{t.unknown}</option>
          </select>
          {errorText('wheelchairAccessible')}
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={stale}>
            {busy ? t.saving : t.save}
          </button>
          <button type="button" class="secondary" onClick={() => onClose(false)}>
            {t.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}
