import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql } from './api';
import type { Navigate } from './app';
import { Answer, type AnswerData } from './answer';
import type {
  GeoPointInput,
  ReferralInput,
  ReferralPlanQuery,
  ReferralPlanQueryVariables,
} from './generated/graphql';
import { LANGUAGE_CODES, languageName, nameIn, useI18n } from './i18n';
import { REFERRAL_PLAN } from './operations';
import { type TreeNode, useReference } from './reference';

interface Child {
  key: number;
  age: string;
  boy: boolean;
}

interface ChildAtHome {
  key: number;
  age: string;
}

type Errors = Partial<
  Record<
    'groups' | 'needs' | 'municipality' | 'age' | 'children' | 'childrenAtHome' | 'keepAway',
    string
  >
>;

/** The API takes at most this many municipalities to keep away from. */
const KEEP_AWAY_MAX = 5;

const toggle = (set: Set<string>, code: string, on: boolean): Set<string> => {
  const next = new Set(set);
  if (on) {
    next.add(code);
  } else {
    next.delete(code);
  }
  return next;
};

const wholeNumber = (text: string, min: number, max: number): number | null => {
  if (!/^\d{1,3}$/.test(text.trim())) {
    return null;
  }
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
};

function Checkbox({
  id,
  label,
  checked,
  onChange,
  chip = false,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  chip?: boolean;
}) {
  return (
    <span class={chip ? 'check chip' : 'check'}>
      <input
        type="checkbox"
        id={id}
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
    </span>
  );
}

/**
 * Target groups as chips in the order of their hierarchy: a narrower group follows the broader
 * one that includes it (marked with an arrow), so all fit in a few rows on a phone.
 */
function GroupChips({
  nodes,
  selected,
  onChange,
}: {
  nodes: TreeNode[];
  selected: Set<string>;
  onChange: (code: string, on: boolean) => void;
}) {
  const { lang } = useI18n();
  const flat: { node: TreeNode; depth: number }[] = [];
  const walk = (list: TreeNode[], depth: number) =>
    list.forEach((node) => {
      flat.push({ node, depth });
      walk(node.children, depth + 1);
    });
  walk(nodes, 0);
  return (
    <ul class="chips">
      {flat.map(({ node, depth }) => (
        <li key={node.code} class={depth > 0 ? 'narrower' : undefined}>
          <Checkbox
            chip
            id={`group-${node.code}`}
            label={nameIn(lang, node)}
            checked={selected.has(node.code)}
            onChange={(on) => onChange(node.code, on)}
          />
        </li>
      ))}
    </ul>
  );
}

/** One group of needs under its name: a chip for each. */
function NeedGroup({
  legend,
  needs,
  selected,
  onChange,
}: {
  legend: string;
  needs: TreeNode[];
  selected: Set<string>;
  onChange: (code: string, on: boolean) => void;
}) {
  const { lang } = useI18n();
  return (
    <fieldset class="need-group">
      <legend>{legend}</legend>
      <ul class="chips">
        {needs.map((need) => (
          <li key={need.code}>
            <Checkbox
              chip
              id={`need-${need.code}`}
              label={nameIn(lang, need)}
              checked={selected.has(need.code)}
              onChange={(on) => onChange(need.code, on)}
            />
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/**
 * Municipalities the person must be kept away from, picked by name with the same type-ahead as
 * the person's municipality; each chosen one is a chip that can be removed. Part of the input:
 * kept in memory only, and the answer view (and so the printout) never shows it.
 */
function KeepAwayPicker({
  municipalities,
  selected,
  onChange,
  draft,
  onDraft,
  error,
}: {
  municipalities: readonly { code: string; name: string }[];
  selected: string[];
  onChange: (next: string[]) => void;
  draft: string;
  onDraft: (text: string) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const find = (text: string) =>
    municipalities.find(
      (m) => m.name.toLocaleLowerCase('da') === text.trim().toLocaleLowerCase('da'),
    );
  const take = (text: string): boolean => {
    const found = find(text);
    if (!found) {
      return false;
    }
    onDraft('');
    if (!selected.includes(found.code)) {
      onChange([...selected, found.code]);
    }
    return true;
  };
  const full = selected.length >= KEEP_AWAY_MAX;
  const described = ['keep-away-hint', full ? 'keep-away-full' : '', error ? 'error-keepAway' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset class="block keep-away" aria-describedby={described}>
      <legend>{t.keepAway}</legend>
      <p class="hint" id="keep-away-hint">
        {t.keepAwayHint}
      </p>
      {error && (
        <p class="field-error" id="error-keepAway">
          {error}
        </p>
      )}
      {selected.length > 0 && (
        <ul class="plain place-chips" aria-label={t.keepAway}>
          {selected.map((code) => {
            const name = municipalities.find((m) => m.code === code)?.name ?? code;
            return (
              <li key={code} class="place-chip" data-code={code}>
                <span>{name}</span>
                <button
                  type="button"
                  class="secondary small"
                  aria-label={t.keepAwayRemove(name)}
                  onClick={() => {
                    onChange(selected.filter((c) => c !== code));
                    requestAnimationFrame(() => document.getElementById('keep-away')?.focus());
                  }}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {full ? (
        <p class="hint" id="keep-away-full">
          {t.keepAwayFull}
        </p>
      ) : (
        <div class="field">
          <label for="keep-away">{t.keepAwayLabel}</label>
          <div class="place-row">
            <input
              id="keep-away"
              type="text"
              list="keep-away-list"
              value={draft}
              autoComplete="off"
              spellcheck={false}
              aria-invalid={error ? true : undefined}
              onInput={(e) => {
                const text = e.currentTarget.value;
                onDraft(text);
                // Picking from the list fills in the whole name: take it at once.
                take(text);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  // Enter here adds the place; it does not send the form.
                  e.preventDefault();
                  take(draft);
                }
              }}
            />
            <button type="button" class="secondary" onClick={() => take(draft)}>
              {t.keepAwayAdd}
            </button>
          </div>
        </div>
      )}
      <datalist id="keep-away-list">
        {municipalities
          .filter((m) => !selected.includes(m.code))
          .map((m) => (
            <option key={m.code} value={m.name} />
          ))}
      </datalist>
    </fieldset>
  );
}

type ReferralAnswer = ReferralPlanQuery['referralPlan'];

export function ReferView({
  headingRef,
  answerRef,
  showAnswer,
  navigate,
}: {
  headingRef: Ref<HTMLHeadingElement>;
  answerRef: Ref<HTMLHeadingElement>;
  showAnswer: boolean;
  navigate: Navigate;
}) {
  const { lang, t } = useI18n();
  const ref = useReference();
  const [groups, setGroups] = useState<Set<string>>(new Set());
  const [needs, setNeeds] = useState<Set<string>>(new Set());
  const [place, setPlace] = useState('');
  const [near, setNear] = useState<GeoPointInput | null>(null);
  const [locating, setLocating] = useState(false);
  const [positionFailed, setPositionFailed] = useState(false);
  const [extrasOpen, setExtrasOpen] = useState(false);
  const [age, setAge] = useState('');
  const [children, setChildren] = useState<Child[]>([]);
  const [childrenAtHome, setChildrenAtHome] = useState<ChildAtHome[]>([]);
  const [keepAway, setKeepAway] = useState<string[]>([]);
  const [keepAwayDraft, setKeepAwayDraft] = useState('');
  const [languages, setLanguages] = useState<Set<string>>(new Set());
  const [wheelchair, setWheelchair] = useState(false);
  const [selfOnly, setSelfOnly] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [answer, setAnswer] = useState<AnswerData | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [lost, setLost] = useState(false);
  // The last input sent, in memory only, so a language switch can ask again in that language.
  const lastInput = useRef<ReferralInput | null>(null);
  const nextChildKey = useRef(1);
  // A child just added gets the focus once its row exists.
  const focusChild = useRef<number | null>(null);
  useEffect(() => {
    if (focusChild.current !== null) {
      document.getElementById(`child-age-${focusChild.current}`)?.focus();
      document.getElementById(`home-child-age-${focusChild.current}`)?.focus();
      focusChild.current = null;
    }
  }, [children, childrenAtHome]);

  // An answer's address after a reload (or opened anew): the answer was never stored, so the
  // form comes back with a word on why.
  useEffect(() => {
    if (showAnswer && !answer && !busy) {
      setLost(true);
      navigate({ view: 'refer' }, { replace: true });
    }
  }, [showAnswer, answer, busy]);

  const municipality = ref.municipalities.find(
    (m) => m.name.toLocaleLowerCase('da') === place.trim().toLocaleLowerCase('da'),
  );
  const roots = ref.needs.filter((n) => n.children.length > 0);
  const loose = ref.needs.filter((n) => n.children.length === 0);

  const focusSoon = (id: string) =>
    requestAnimationFrame(() => document.getElementById(id)?.focus());

  const ask = async (input: ReferralInput, fresh: boolean) => {
    setBusy(true);
    setFailure(null);
    setAnnouncement('');
    try {
      // One request: the referral answer for now and the plan of what follows.
      const data = await gql<ReferralPlanQuery, ReferralPlanQueryVariables>(REFERRAL_PLAN, {
        input,
        language: lang === 'en' ? 'EN' : 'DA',
      });
      const next: ReferralAnswer = data.referralPlan;
      setAnswer({ ...next, receivedAt: new Date().toISOString() });
      const options = next.referral.options;
      setAnnouncement(t.announceResult(options.length, options[0]?.service.name ?? null));
      if (fresh) {
        setLost(false);
        // The answer takes the form's place, at its own address (without the input).
        navigate({ view: 'answer' });
      }
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.code === 'UNAUTHENTICATED'
          ? t.unauthenticated
          : t.error(error instanceof Error ? error.message : String(error)),
      );
      if (fresh) {
        setAnswer(null);
        focusSoon('refer-failure');
      }
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (lastInput.current && answer) {
      void ask(lastInput.current, false);
    }
    // Only a language switch asks again; the answer itself must not trigger a request.
  }, [lang]);

  const submit = (event: Event) => {
    event.preventDefault();
    if (busy) {
      return;
    }
    const found: Errors = {};
    if (groups.size === 0) {
      found.groups = t.pickGroupAndNeed;
    }
    if (needs.size === 0) {
      found.needs = t.pickGroupAndNeed;
    }
    if (!near && place.trim() !== '' && !municipality) {
      found.municipality = t.unknownMunicipality;
    }
    const ageValue = age.trim() === '' ? null : wholeNumber(age, 0, 120);
    if (age.trim() !== '' && ageValue === null) {
      found.age = t.badAge;
    }
    const childAges = children.map((c) => wholeNumber(c.age, 0, 17));
    if (childAges.some((a) => a === null)) {
      found.children = t.badChildAge;
    }
    const homeAges = childrenAtHome.map((c) => wholeNumber(c.age, 0, 17));
    if (homeAges.some((a) => a === null)) {
      found.childrenAtHome = t.badChildAge;
    }
    // A name typed but not taken from the list would otherwise be dropped without a word.
    if (keepAwayDraft.trim() !== '') {
      found.keepAway = t.unknownMunicipality;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // An answer to other input must not stay behind as if it answered this one.
      setAnswer(null);
      setAnnouncement('');
      if (found.age || found.children || found.childrenAtHome || found.keepAway) {
        setExtrasOpen(true);
      }
      focusSoon('refer-errors');
      return;
    }
    const ages = childAges.filter((a): a is number => a !== null);
    const atHome = homeAges.filter((a): a is number => a !== null);
    const input: ReferralInput = {
      targetGroupCodes: [...groups],
      needCodes: [...needs],
      limit: 10,
      ...(near ? { near } : municipality ? { municipalityCode: municipality.code } : {}),
      ...(ageValue !== null ? { age: ageValue } : {}),
      ...(ages.length > 0
        ? {
            accompanyingChildren: ages,
            accompanyingBoys: children.flatMap((c, i) => (c.boy ? [ages[i]] : [])),
          }
        : {}),
      ...(atHome.length > 0 ? { childrenAtHome: atHome } : {}),
      ...(keepAway.length > 0 ? { keepAwayFrom: [...keepAway] } : {}),
      ...(languages.size > 0 ? { languages: [...languages] } : {}),
      ...(wheelchair ? { wheelchair: true } : {}),
      ...(selfOnly ? { selfReferralOnly: true } : {}),
    };
    lastInput.current = input;
    void ask(input, true);
  };

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setPositionFailed(true);
      return;
    }
    setLocating(true);
    setPositionFailed(false);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setNear({ latitude: position.coords.latitude, longitude: position.coords.longitude });
        setPlace('');
      },
      () => {
        setLocating(false);
        setPositionFailed(true);
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 },
    );
  };

  const invalid = (key: keyof Errors) => (errors[key] ? true : undefined);
  const describedBy = (key: keyof Errors, hint?: string) =>
    [hint, errors[key] ? `error-${key}` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (name: keyof Errors) =>
    errors[name] ? (
      <p class="field-error" id={`error-${name}`}>
        {errors[name]}
      </p>
    ) : null;
  // Each message once (groups and needs share theirs), in the order of the form.
  const summary = [...new Set(Object.values(errors))];
  const extrasCount =
    (age.trim() ? 1 : 0) +
    children.length +
    childrenAtHome.length +
    keepAway.length +
    languages.size +
    (wheelchair ? 1 : 0) +
    (selfOnly ? 1 : 0);

  // One live region for both the form and the answer, so the count is announced when it comes.
  const status = (
    <p id="refer-status" class="sr-only" role="status">
      {busy ? t.searching : announcement}
    </p>
  );

  if (showAnswer && answer) {
    return (
      <div class="refer">
        {status}
        <Answer
          data={answer}
          headingRef={answerRef}
          busy={busy}
          failure={failure}
          onEdit={() => navigate({ view: 'refer' })}
        />
      </div>
    );
  }

  return (
    <div class="refer">
      {status}
      <h1 id="refer-title" tabIndex={-1} ref={headingRef}>
        {t.referTitle}
      </h1>
      {lost && (
        <p class="notice" role="status">
          {t.answerLost}
        </p>
      )}
      <p class="intro">{t.referIntro}</p>
      <form id="refer-form" class="refer-form" onSubmit={submit} noValidate autoComplete="off">
        <fieldset
          class="block"
          aria-describedby={describedBy('groups', 'groups-hint')}
          aria-invalid={invalid('groups')}
          id="groups"
        >
          <legend>{t.who}</legend>
          <p class="hint" id="groups-hint">
            {t.whoHint}
          </p>
          {fieldError('groups')}
          <GroupChips
            nodes={ref.groups}
            selected={groups}
            onChange={(code, on) => setGroups(toggle(groups, code, on))}
          />
        </fieldset>

        <fieldset
          class="block"
          aria-describedby={describedBy('needs')}
          aria-invalid={invalid('needs')}
          id="needs"
        >
          <legend>{t.what}</legend>
          {fieldError('needs')}
          <div class="need-groups">
            {roots.map((root) => (
              <NeedGroup
                key={root.code}
                legend={nameIn(lang, root)}
                needs={root.children}
                selected={needs}
                onChange={(code, on) => setNeeds(toggle(needs, code, on))}
              />
            ))}
            <NeedGroup
              legend={t.otherNeeds}
              needs={loose}
              selected={needs}
              onChange={(code, on) => setNeeds(toggle(needs, code, on))}
            />
          </div>
        </fieldset>

        <fieldset class="block">
          <legend>{t.where}</legend>
          {near ? (
            <p class="position">
              {t.positionInUse}{' '}
              <button type="button" class="secondary" onClick={() => setNear(null)}>
                {t.positionClear}
              </button>
            </p>
          ) : (
            <div class="field">
              <label for="municipality">{t.municipality}</label>
              <div class="place-row">
                <input
                  id="municipality"
                  type="text"
                  list="municipality-list"
                  value={place}
                  autoComplete="off"
                  spellcheck={false}
                  aria-describedby={describedBy('municipality', 'municipality-hint')}
                  aria-invalid={invalid('municipality')}
                  onInput={(e) => setPlace(e.currentTarget.value)}
                />
                <button type="button" class="secondary" onClick={locate} disabled={locating}>
                  {locating ? t.gettingPosition : t.useMyPosition}
                </button>
              </div>
              <datalist id="municipality-list">
                {ref.municipalities.map((m) => (
                  <option key={m.code} value={m.name} />
                ))}
              </datalist>
              <p class="hint" id="municipality-hint">
                {t.municipalityHint}
              </p>
              {fieldError('municipality')}
              {positionFailed && (
                <p class="field-error" role="alert">
                  {t.positionUnavailable}
                </p>
              )}
            </div>
          )}
        </fieldset>

        <details
          class="block extras"
          open={extrasOpen}
          onToggle={(e) => setExtrasOpen(e.currentTarget.open)}
        >
          <summary id="extras-summary">
            <span class="summary-title">
              {t.extras}
              {extrasCount > 0 ? ` (${extrasCount})` : ''}
            </span>
            <span class="hint">{t.extrasHint}</span>
          </summary>
          <div class="field">
            <label for="age">{t.age}</label>
            <input
              id="age"
              type="text"
              inputMode="numeric"
              class="short"
              value={age}
              aria-describedby={describedBy('age', 'age-hint')}
              aria-invalid={invalid('age')}
              onInput={(e) => setAge(e.currentTarget.value)}
            />
            <p class="hint" id="age-hint">
              {t.ageHint}
            </p>
            {fieldError('age')}
          </div>

          <fieldset class="block" aria-describedby={describedBy('children')}>
            <legend>{t.children}</legend>
            {fieldError('children')}
            {children.length === 0 && <p class="hint">{t.noChildren}</p>}
            <ul class="plain children">
              {children.map((child, i) => (
                <li key={child.key} class="child">
                  <label for={`child-age-${child.key}`}>{t.childAge(i + 1)}</label>
                  <input
                    id={`child-age-${child.key}`}
                    type="text"
                    inputMode="numeric"
                    class="short"
                    value={child.age}
                    aria-invalid={
                      errors.children && wholeNumber(child.age, 0, 17) === null ? true : undefined
                    }
                    onInput={(e) => {
                      const value = e.currentTarget.value;
                      setChildren(
                        children.map((c) => (c.key === child.key ? { ...c, age: value } : c)),
                      );
                    }}
                  />
                  <Checkbox
                    id={`child-boy-${child.key}`}
                    label={t.childBoy(i + 1)}
                    checked={child.boy}
                    onChange={(on) =>
                      setChildren(
                        children.map((c) => (c.key === child.key ? { ...c, boy: on } : c)),
                      )
                    }
                  />
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() => setChildren(children.filter((c) => c.key !== child.key))}
                  >
                    {t.removeChild(i + 1)}
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              id="add-child"
              class="secondary"
              onClick={() => {
                const key = nextChildKey.current++;
                setChildren([...children, { key, age: '', boy: false }]);
                focusChild.current = key;
              }}
            >
              {t.addChild}
            </button>
          </fieldset>

          <fieldset
            class="block"
            aria-describedby={describedBy('childrenAtHome', 'children-at-home-hint')}
          >
            <legend>{t.childrenAtHome}</legend>
            <p class="hint" id="children-at-home-hint">
              {t.childrenAtHomeHint}
            </p>
            {fieldError('childrenAtHome')}
            {childrenAtHome.length === 0 && <p class="hint">{t.noChildrenAtHome}</p>}
            <ul class="plain children">
              {childrenAtHome.map((child, i) => (
                <li key={child.key} class="child">
                  <label for={`home-child-age-${child.key}`}>{t.childAtHomeAge(i + 1)}</label>
                  <input
                    id={`home-child-age-${child.key}`}
                    type="text"
                    inputMode="numeric"
                    class="short"
                    value={child.age}
                    aria-invalid={
                      errors.childrenAtHome && wholeNumber(child.age, 0, 17) === null
                        ? true
                        : undefined
                    }
                    onInput={(e) => {
                      const value = e.currentTarget.value;
                      setChildrenAtHome(
                        childrenAtHome.map((c) => (c.key === child.key ? { ...c, age: value } : c)),
                      );
                    }}
                  />
                  <button
                    type="button"
                    class="secondary small"
                    onClick={() =>
                      setChildrenAtHome(childrenAtHome.filter((c) => c.key !== child.key))
                    }
                  >
                    {t.removeChildAtHome(i + 1)}
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              id="add-child-at-home"
              class="secondary"
              onClick={() => {
                const key = nextChildKey.current++;
                setChildrenAtHome([...childrenAtHome, { key, age: '' }]);
                focusChild.current = key;
              }}
            >
              {t.addChildAtHome}
            </button>
          </fieldset>

          <KeepAwayPicker
            municipalities={ref.municipalities}
            selected={keepAway}
            onChange={setKeepAway}
            draft={keepAwayDraft}
            onDraft={setKeepAwayDraft}
            error={errors.keepAway}
          />

          <fieldset class="block">
            <legend>{t.languages}</legend>
            <ul class="plain columns">
              {LANGUAGE_CODES.map((code) => (
                <li key={code}>
                  <Checkbox
                    id={`language-${code}`}
                    label={languageName(lang, code)}
                    checked={languages.has(code)}
                    onChange={(on) => setLanguages(toggle(languages, code, on))}
                  />
                </li>
              ))}
            </ul>
          </fieldset>

          <div class="block">
            <Checkbox
              id="wheelchair"
              label={t.wheelchair}
              checked={wheelchair}
              onChange={setWheelchair}
            />
            <Checkbox
              id="self-referral"
              label={t.selfReferralOnly}
              checked={selfOnly}
              onChange={setSelfOnly}
            />
          </div>
        </details>

        {/* Always in reach: on a phone this bar stays at the bottom of the screen. */}
        <div class="actions submit-bar">
          {summary.length > 0 && (
            <div id="refer-errors" class="error-summary" role="alert" tabIndex={-1}>
              <p>{t.errorSummary}</p>
              <ul>
                {summary.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </div>
          )}
          {failure && (
            <div id="refer-failure" class="alert" role="alert" tabIndex={-1}>
              {failure}
            </div>
          )}
          <button type="submit" id="refer-submit" class="primary big">
            {t.findPlaces}
          </button>
          <span class="progress" aria-hidden="true">
            {busy ? t.searching : ''}
          </span>
        </div>
      </form>
    </div>
  );
}
