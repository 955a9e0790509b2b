import { useEffect, useRef, useState } from 'preact/hooks';
import { gql } from './api';
import type { PickServicesQuery, PickServicesQueryVariables } from './generated/graphql';
import { LANGUAGE_CODES, languageName, nameIn, useI18n } from './i18n';
import type { Picked } from './listing-rules';
import { usePartnerTexts } from './partner-texts';
import { PICK_SERVICES } from './partner-operations';
import type { TreeNode } from './reference';

/*
 * The partner form's pickers: the same controls as the public form (checkbox trees for groups
 * and needs, languages by name) and type-ahead by name for places and services, so nobody types a
 * code. Class names are the public form's, so they look the same.
 */

const toggle = (list: string[], code: string, on: boolean): string[] =>
  on ? (list.includes(code) ? list : [...list, code]) : list.filter((c) => c !== code);

export function Checkbox({
  id,
  label,
  checked,
  onChange,
  describedBy,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  describedBy?: string;
}) {
  return (
    <span class="check">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
    </span>
  );
}

/** Target groups (or needs) as nested checkbox lists: broader above the narrower ones. */
export function CodeTree({
  idPrefix,
  nodes,
  selected,
  onChange,
}: {
  idPrefix: string;
  nodes: TreeNode[];
  selected: string[];
  onChange: (next: string[]) => void;
}) {
  const { lang } = useI18n();
  return (
    <ul class="tree">
      {nodes.map((node) => (
        <li key={node.code}>
          <Checkbox
            id={`${idPrefix}-${node.code}`}
            label={nameIn(lang, node)}
            checked={selected.includes(node.code)}
            onChange={(on) => onChange(toggle(selected, node.code, on))}
          />
          {node.children.length > 0 && (
            <CodeTree
              idPrefix={idPrefix}
              nodes={node.children}
              selected={selected}
              onChange={onChange}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

/** Needs as the public form shows them: one box per main area, its needs as checkboxes. */
export function NeedPicker({
  idPrefix,
  needs,
  otherLabel,
  selected,
  onChange,
}: {
  idPrefix: string;
  needs: TreeNode[];
  otherLabel: string;
  selected: string[];
  onChange: (next: string[]) => void;
}) {
  const { lang } = useI18n();
  const roots = needs.filter((n) => n.children.length > 0);
  const loose = needs.filter((n) => n.children.length === 0);
  const group = (legend: string, items: TreeNode[], key: string) => (
    <fieldset class="need-group" key={key}>
      <legend>{legend}</legend>
      <ul class="plain">
        {items.map((need) => (
          <li key={need.code}>
            <Checkbox
              id={`${idPrefix}-${need.code}`}
              label={nameIn(lang, need)}
              checked={selected.includes(need.code)}
              onChange={(on) => onChange(toggle(selected, need.code, on))}
            />
          </li>
        ))}
      </ul>
    </fieldset>
  );
  return (
    <div class="need-groups">
      {roots.map((root) => group(nameIn(lang, root), [root, ...root.children], root.code))}
      {loose.length > 0 && group(otherLabel, loose, 'other')}
    </div>
  );
}

/** Languages by name: the public form's list, plus any other the listing already has. */
export function LanguagePicker({
  selected,
  onChange,
}: {
  selected: string[];
  onChange: (next: string[]) => void;
}) {
  const { lang } = useI18n();
  const codes = [
    ...LANGUAGE_CODES,
    ...selected.filter((c) => !(LANGUAGE_CODES as readonly string[]).includes(c)),
  ];
  return (
    <ul class="plain columns">
      {codes.map((code) => (
        <li key={code}>
          <Checkbox
            id={`edit-language-${code}`}
            label={languageName(lang, code)}
            checked={selected.includes(code)}
            onChange={(on) => onChange(toggle(selected, code, on))}
          />
        </li>
      ))}
    </ul>
  );
}

/**
 * Places picked by name with type-ahead (a datalist of the names): each chosen one is a chip
 * with a remove button. `single` keeps one choice (the municipality where a service is).
 */
export function NamePicker({
  id,
  label,
  options,
  selected,
  onChange,
  describedBy,
  invalid,
}: {
  id: string;
  label: string;
  options: readonly { code: string; name: string; nameEn?: string }[];
  selected: string[];
  onChange: (next: string[]) => void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const { lang } = useI18n();
  const { p } = usePartnerTexts();
  const [draft, setDraft] = useState('');
  const [unknown, setUnknown] = useState(false);
  const nameOf = (o: { code: string; name: string; nameEn?: string }) =>
    o.nameEn ? nameIn(lang, { name: o.name, nameEn: o.nameEn }) : o.name;
  const find = (text: string) =>
    options.find(
      (o) =>
        o.name.toLocaleLowerCase('da') === text.trim().toLocaleLowerCase('da') ||
        nameOf(o).toLocaleLowerCase('da') === text.trim().toLocaleLowerCase('da'),
    );
  const add = () => {
    const found = find(draft);
    if (!found) {
      setUnknown(draft.trim() !== '');
      return;
    }
    setUnknown(false);
    setDraft('');
    if (!selected.includes(found.code)) {
      onChange([...selected, found.code]);
    }
  };
  const listId = `${id}-names`;
  return (
    <div class="name-picker">
      <label for={id}>{label}</label>
      {selected.length > 0 && (
        <ul class="plain chips">
          {selected.map((code) => {
            const option = options.find((o) => o.code === code);
            const name = option ? nameOf(option) : code;
            return (
              <li key={code} class="chip">
                <span>{name}</span>
                <button
                  type="button"
                  class="secondary small"
                  aria-label={p.remove(name)}
                  onClick={() => onChange(selected.filter((c) => c !== code))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <span class="picker-row">
        <input
          id={id}
          type="text"
          list={listId}
          value={draft}
          autoComplete="off"
          spellcheck={false}
          aria-describedby={
            [describedBy, unknown ? `${id}-unknown` : ''].filter(Boolean).join(' ') || undefined
          }
          aria-invalid={invalid || unknown ? true : undefined}
          onInput={(e) => {
            const value = e.currentTarget.value;
            setDraft(value);
            // Picking from the datalist fills in the whole name: take it at once.
            const found = find(value);
            if (found && !selected.includes(found.code)) {
              setDraft('');
              setUnknown(false);
              onChange([...selected, found.code]);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" class="secondary" onClick={add}>
          {p.add}
        </button>
      </span>
      <datalist id={listId}>
        {options
          .filter((o) => !selected.includes(o.code))
          .map((o) => (
            <option key={o.code} value={nameOf(o)} />
          ))}
      </datalist>
      {unknown && (
        <p class="field-error" id={`${id}-unknown`}>
          {p.pickFromList}
        </p>
      )}
    </div>
  );
}

/** One place by name with type-ahead (the municipality where the service is). */
export function SingleNamePicker({
  id,
  label,
  options,
  value,
  onChange,
  describedBy,
  invalid,
}: {
  id: string;
  label: string;
  options: { code: string; name: string }[];
  value: string;
  onChange: (code: string) => void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const current = options.find((o) => o.code === value)?.name ?? '';
  const [draft, setDraft] = useState(current);
  useEffect(() => setDraft(current), [current]);
  const listId = `${id}-names`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="text"
        list={listId}
        value={draft}
        autoComplete="off"
        spellcheck={false}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
        onInput={(e) => {
          const text = e.currentTarget.value;
          setDraft(text);
          const found = options.find(
            (o) => o.name.toLocaleLowerCase('da') === text.trim().toLocaleLowerCase('da'),
          );
          onChange(found ? found.code : '');
        }}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.code} value={o.name} />
        ))}
      </datalist>
    </div>
  );
}

/**
 * Services picked by searching their names (the API's search), in order: the order is the
 * order to try them. Each chosen one can be moved up or removed.
 */
export function ServicePicker({
  id,
  label,
  hint,
  selected,
  exclude,
  onChange,
  invalid,
  errorId,
}: {
  id: string;
  label: string;
  hint: string;
  selected: Picked[];
  exclude: string | null;
  onChange: (next: Picked[]) => void;
  invalid?: boolean;
  errorId?: string;
}) {
  const { p } = usePartnerTexts();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<PickServicesQuery['searchServices']['hits'] | null>(null);
  const asked = useRef(0);
  useEffect(() => {
    const text = query.trim();
    if (text.length < 2) {
      setHits(null);
      return;
    }
    const mine = ++asked.current;
    const timer = setTimeout(() => {
      gql<PickServicesQuery, PickServicesQueryVariables>(PICK_SERVICES, { query: text })
        .then((data) => {
          if (mine === asked.current) {
            setHits(data.searchServices.hits);
          }
        })
        .catch(() => {
          if (mine === asked.current) {
            setHits([]);
          }
        });
    }, 250);
    return () => clearTimeout(timer);
  }, [query]);
  const offered = (hits ?? []).filter(
    (h) => h.service.id !== exclude && !selected.some((s) => s.id === h.service.id),
  );
  return (
    <fieldset
      class="block service-picker"
      aria-describedby={[`${id}-hint`, invalid ? errorId : ''].filter(Boolean).join(' ')}
    >
      <legend>{label}</legend>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {selected.length === 0 ? (
        <p class="hint">{p.noneChosen}</p>
      ) : (
        <ol class="chosen">
          {selected.map((s, i) => (
            <li key={s.id}>
              <span>{s.name}</span>{' '}
              {i > 0 && (
                <button
                  type="button"
                  class="secondary small"
                  aria-label={p.moveUp(s.name)}
                  onClick={() => {
                    const next = [...selected];
                    [next[i - 1], next[i]] = [next[i], next[i - 1]];
                    onChange(next);
                  }}
                >
                  ↑
                </button>
              )}
              <button
                type="button"
                class="secondary small"
                aria-label={p.remove(s.name)}
                onClick={() => onChange(selected.filter((x) => x.id !== s.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
      <div class="field">
        <label for={id}>{p.searchService}</label>
        <input
          id={id}
          type="search"
          value={query}
          autoComplete="off"
          aria-invalid={invalid ? true : undefined}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      {hits !== null && (
        <ul class="plain hits" aria-live="polite">
          {offered.length === 0 && <li class="hint">{p.searchNoHits}</li>}
          {offered.map((h) => (
            <li key={h.service.id}>
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  onChange([...selected, { id: h.service.id, name: h.service.name }]);
                  setQuery('');
                  requestAnimationFrame(() => document.getElementById(id)?.focus());
                }}
              >
                {p.choose(h.service.name)}
                {h.service.municipality ? ` (${h.service.municipality.name})` : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
