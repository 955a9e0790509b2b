import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql } from './api';
import { OptionCard } from './cards';
import type {
  GeoPointInput,
  ReferralInput,
  ReferralPlanQuery,
  ReferralPlanQueryVariables,
} from './generated/graphql';
import { LANGUAGE_CODES, languageName, nameIn, useI18n } from './i18n';
import { REFERRAL_PLAN } from './operations';
import { type PlanPhases, PlanTimeline } from './plan';
import { type TreeNode, useReference } from './reference';

interface Child {
  key: number;
  age: string;
  boy: boolean;
}

type Errors = Partial<Record<'groups' | 'needs' | 'municipality' | 'age' | 'children', string>>;

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
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <span class="check">
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

/** Target groups as nested lists: a broader group sits above the narrower ones it includes. */
function GroupTree({
  nodes,
  selected,
  onChange,
}: {
  nodes: TreeNode[];
  selected: Set<string>;
  onChange: (code: string, on: boolean) => void;
}) {
  const { lang } = useI18n();
  return (
    <ul class="tree">
      {nodes.map((node) => (
        <li key={node.code}>
          <Checkbox
            id={`group-${node.code}`}
            label={nameIn(lang, node)}
            checked={selected.has(node.code)}
            onChange={(on) => onChange(node.code, on)}
          />
          {node.children.length > 0 && (
            <GroupTree nodes={node.children} selected={selected} onChange={onChange} />
          )}
        </li>
      ))}
    </ul>
  );
}

/** One group of needs under its heading: a checkbox for each. */
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
      <ul class="plain">
        {needs.map((need) => (
          <li key={need.code}>
            <Checkbox
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

export function ReferView({ headingRef }: { headingRef: Ref<HTMLHeadingElement> }) {
  const { lang, t } = useI18n();
  const ref = useReference();
  const [groups, setGroups] = useState<Set<string>>(new Set());
  const [needs, setNeeds] = useState<Set<string>>(new Set());
  const [place, setPlace] = useState('');
  const [near, setNear] = useState<GeoPointInput | null>(null);
  const [locating, setLocating] = useState(false);
  const [positionFailed, setPositionFailed] = useState(false);
  const [age, setAge] = useState('');
  const [children, setChildren] = useState<Child[]>([]);
  const [languages, setLanguages] = useState<Set<string>>(new Set());
  const [wheelchair, setWheelchair] = useState(false);
  const [selfOnly, setSelfOnly] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [answer, setAnswer] = useState<ReferralPlanQuery['referralPlan']['referral'] | null>(null);
  const [phases, setPhases] = useState<PlanPhases>([]);
  // The last input sent, in memory only, so a language switch can ask again in that language.
  const lastInput = useRef<ReferralInput | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const nextChildKey = useRef(1);
  // A child just added gets the focus once its row exists.
  const focusChild = useRef<number | null>(null);
  useEffect(() => {
    if (focusChild.current !== null) {
      document.getElementById(`child-age-${focusChild.current}`)?.focus();
      focusChild.current = null;
    }
  }, [children]);

  const municipality = ref.municipalities.find(
    (m) => m.name.toLocaleLowerCase('da') === place.trim().toLocaleLowerCase('da'),
  );
  const roots = ref.needs.filter((n) => n.children.length > 0);
  const loose = ref.needs.filter((n) => n.children.length === 0);

  const ask = async (input: ReferralInput, focusResult: boolean) => {
    setBusy(true);
    setFailure(null);
    try {
      // One request: the referral answer for now and the plan of what follows.
      const data = await gql<ReferralPlanQuery, ReferralPlanQueryVariables>(REFERRAL_PLAN, {
        input,
        language: lang === 'en' ? 'EN' : 'DA',
      });
      setAnswer(data.referralPlan.referral);
      setPhases(data.referralPlan.phases);
      if (focusResult) {
        requestAnimationFrame(() => resultHeading.current?.focus());
      }
    } catch (error) {
      setAnswer(null);
      setPhases([]);
      setFailure(
        error instanceof ApiError && error.code === 'UNAUTHENTICATED'
          ? t.unauthenticated
          : t.error(error instanceof Error ? error.message : String(error)),
      );
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
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => {
        const first = document.querySelector<HTMLElement>('#refer-form [aria-invalid="true"]');
        first?.focus();
      });
      return;
    }
    const ages = childAges.filter((a): a is number => a !== null);
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

  return (
    <div class="refer">
      <h1 id="refer-title" tabIndex={-1} ref={headingRef}>
        {t.referTitle}
      </h1>
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
          <GroupTree
            nodes={ref.groups}
            selected={groups}
            onChange={(code, on) => setGroups(toggle(groups, code, on))}
          />
        </fieldset>

        <fieldset
          class="block"
          aria-describedby={describedBy('needs')}
          aria-invalid={invalid('needs')}
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
              <datalist id="municipality-list">
                {ref.municipalities.map((m) => (
                  <option key={m.code} value={m.name} />
                ))}
              </datalist>
              <p class="hint" id="municipality-hint">
                {t.municipalityHint}
              </p>
              {fieldError('municipality')}
              <button type="button" class="secondary" onClick={locate} disabled={locating}>
                {locating ? t.gettingPosition : t.useMyPosition}
              </button>
              {positionFailed && (
                <p class="field-error" role="alert">
                  {t.positionUnavailable}
                </p>
              )}
            </div>
          )}
        </fieldset>

        <fieldset class="block">
          <legend>{t.age}</legend>
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
        </fieldset>

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
                    setChildren(children.map((c) => (c.key === child.key ? { ...c, boy: on } : c)))
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

        <div class="actions">
          <button type="submit" id="refer-submit" class="primary" aria-describedby="refer-status">
            {t.findPlaces}
          </button>
          <span id="refer-status" class="progress" role="status">
            {busy ? t.searching : ''}
          </span>
        </div>
      </form>

      {failure && (
        <div class="alert" role="alert">
          {failure}
        </div>
      )}

      {answer && (
        <div class="result" id="result" aria-busy={busy}>
          <div class="result-head">
            <h2 id="result-title" tabIndex={-1} ref={resultHeading}>
              {t.resultTitle}
            </h2>
            <button
              type="button"
              id="print-plan"
              class="secondary no-print"
              aria-describedby="print-hint"
              onClick={() => window.print()}
            >
              {t.print}
            </button>
            <p class="hint no-print" id="print-hint">
              {t.printHint}
            </p>
          </div>
          <p class="result-place no-print">
            {answer.municipality ? t.resultFor(answer.municipality.name) : t.resultNoPlace}
          </p>
          {answer.guidance.length > 0 && (
            <section class="guidance" aria-labelledby="guidance-title">
              <h3 id="guidance-title">{t.guidance}</h3>
              <ul>
                {answer.guidance.map((g) => (
                  <li key={g.code} class={`guidance-${g.code.toLowerCase()}`} data-code={g.code}>
                    {g.text}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="options-title">
            <h3 id="options-title">{t.options}</h3>
            {answer.options.length === 0 ? (
              <p>{t.noOptions}</p>
            ) : (
              <ol class="options">
                {answer.options.map((option) => (
                  <li key={option.service.id}>
                    <OptionCard option={option} headingLevel={4} />
                  </li>
                ))}
              </ol>
            )}
          </section>
          {answer.unmetNeeds.length > 0 && (
            <section aria-labelledby="unmet-title" class="unmet">
              <h3 id="unmet-title">{t.unmetNeeds}</h3>
              <ul class="plain">
                {answer.unmetNeeds.map((unmet) => (
                  <li key={unmet.need.code}>
                    <p class="unmet-need">
                      <strong>{nameIn(lang, unmet.need)}</strong>
                      {unmet.nearest ? `: ${t.nearest}` : `: ${t.noneAnywhere}`}
                    </p>
                    {unmet.nearest && <OptionCard option={unmet.nearest} headingLevel={4} />}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {answer.followUps.length > 0 && (
            <section aria-labelledby="followups-title" class="followups">
              <h3 id="followups-title">{t.followUps}</h3>
              {answer.followUps.map((followUp) => (
                <div key={followUp.need.code} class="followup">
                  <h4>{nameIn(lang, followUp.need)}</h4>
                  <p class="hint">
                    {t.followUpAfter(followUp.after.map((a) => nameIn(lang, a)).join(', '))}
                  </p>
                  <ul class="plain compact">
                    {followUp.options.map((option) => (
                      <li key={option.service.id}>
                        <OptionCard option={option} headingLevel={5} />
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          )}
          <PlanTimeline phases={phases} />
        </div>
      )}
    </div>
  );
}
