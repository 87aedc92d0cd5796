// Ten families' plan files of known content for the unit's figures
// (figures.test.mjs), and their figures for T2 2026 counted by hand.

const person = (id, name, kind, sector, agency = null) => ({
  id, name, role: '', kind, agency,
  place: { ring: 1, sector, along: 500, depth: 500 },
  lives_with_child: false, custodian_of: [], protected: false, phone: '070-174 06 50', note: `${name} är viktig`,
});

const meeting = (id, date, participants, { status = 'held', childTookPart = false } = {}) => ({
  id, date, time: null, location: 'Rum Ekorren', status, invited: [], interpreter: '', participants,
  children: childTookPart ? [{ child: 1, part: 'took_part' }] : [], assessment: null, note: 'Anteckning om Zebulon',
});

/**
 * One family's plan as the file holds it. Every plan has the same network:
 * a mother (11) and a grandmother (12), private, named in its agreement; a
 * teacher (13, school) and a social worker (14, social services), who count
 * as mobilised only when they come to a meeting in the period.
 */
function plan(n, { started, closed = null, outcome = null, shortened = null, ages, meetings = [], checks = [], answers = [], scale = [], v3 = false }) {
  return {
    format: 'skyddsnat',
    schema_version: v3 ? 3 : 4,
    title: `Familjen Zebulonsson ${n}`,
    case: {
      label: `Z.Z. 2026-90${n}`, started, consultants: [{ name: 'Karin Konsult', phone: '070-174 06 51', unit: '' }],
      commissioner: null, closed, outcome, shortened_days: shortened, close_reason: 'Avslutat för Zebulon', reopened: [],
    },
    consents: [],
    children: ages.map((age, i) => ({ id: i + 1, name: `Zebulon${n}${i}`, age, note: '' })),
    people: [
      person(11, `Mamma Ylva${n}`, 'private', 'family'),
      person(12, `Mormor Xenia${n}`, 'private', 'relatives'),
      person(13, `Läraren Wilma${n}`, 'professional', 'school', 'school'),
      person(14, `Socialsekreteraren Vera${n}`, 'professional', 'professionals', 'social_services'),
    ],
    relations: [],
    meetings,
    mapping: [],
    dangers: [],
    scales: scale.length ? [{ id: 1, question: `Hur tryggt är det för Zebulon${n}0?`, low: '', high: '', answers: scale.map(([meeting, person, value]) => ({ meeting, person, value })) }] : [],
    agreements: [{
      id: 1, text: `Ylva${n} är hemma på kvällarna`, responsible: [11],
      checks: [{ by: [12], method: 'call', when: { every: 'day' }, time: '19:00', note: '' }],
      chain: [{ people: [11], action: 'A' }, { people: [12], action: 'B' }, { people: [12], action: 'C' }],
    }],
    arrangements: [],
    supervision: [],
    check_ins: checks.map(([date, outcome, time, step], i) => (v3
      ? { id: i + 1, agreement: 1, date, outcome, step: step ?? null, note: 'Zebulon sov' }
      : { id: i + 1, agreement: 1, check: 0, by: 12, date, time, how: 'call', outcome, step: step ?? null, note: 'Zebulon sov' })),
    follow_ups: answers.map(([date, questionnaire, respondent, question, value], i) => ({
      id: i + 1, date, questionnaire, respondent, person: null,
      answers: [{ question, value, text: 'Zebulon säger att det är bra' }], comment: 'Ylva vill ha mer stöd',
    })),
    child_views: [],
    settings: v3
      ? { sector_order: ['family', 'relatives', 'friends_neighbours', 'school', 'professionals', 'leisure'], child_views_private: false }
      : {
          sector_order: ['family', 'relatives', 'friends_neighbours', 'school', 'professionals', 'leisure'], child_views_private: false,
          numbers: { out_of_hours: '', unit: '' }, office_hours: { from: '08:00', to: '17:00' },
        },
  };
}

// T2 2026 is 1 May to 31 August. Weekdays: 05-05 Tue, 06-06 Sat, 06-08 Mon,
// 05-20 Wed, 05-21 Thu, 08-03 Mon, 06-15 Mon, 06-16 Tue, 05-12 Tue, 05-13
// Wed, 07-04 Sat, 05-15 Fri.
export const PLANS = [
  plan(1, { started: '2026-02-01', closed: '2026-05-20', outcome: 'placement_avoided', ages: [4],
    meetings: [meeting(1, '2026-05-10', [11, 12, 13])],
    checks: [['2026-05-05', 'kept', '19:00']],
    answers: [['2026-05-18', 'follow_up', 'parent', 'feels_safe', 2]] }),
  plan(2, { started: '2026-03-15', ages: [7, 9],
    meetings: [meeting(1, '2026-04-01', [11, 12]), meeting(2, '2026-06-01', [11, 12, 13, 14], { childTookPart: true })],
    checks: [['2026-06-06', 'kept', '10:00'], ['2026-06-08', 'not_kept', '20:00', 1]],
    answers: [['2026-06-20', 'follow_up', 'parent', 'feels_safe', 3], ['2026-06-20', 'follow_up', 'child', 'feels_safe', 4]],
    scale: [[1, 11, 4], [1, 12, 4], [2, 11, 6], [2, 12, 6]] }),
  plan(3, { started: '2026-05-05', closed: '2026-08-31', outcome: 'placement_avoided', ages: [2],
    meetings: [meeting(1, '2026-05-06', [11, 13, 14]), meeting(2, '2026-08-01', [11, 12])],
    checks: [['2026-05-20', 'kept', '09:00'], ['2026-05-21', 'no_answer', '21:00', 1], ['2026-08-03', 'unreachable', '12:00', 2]],
    answers: [['2026-07-01', 'follow_up', 'parent', 'feels_safe', 4]],
    scale: [[1, 11, 3], [1, 13, 5], [2, 11, 7]] }),
  plan(4, { started: '2026-06-10', ages: [11],
    meetings: [meeting(1, '2026-06-12', [11, 12, 14])],
    checks: [['2026-06-15', 'kept', '18:30'], ['2026-06-16', 'not_kept', '07:00', 1]],
    scale: [[1, 11, 8]] }),
  plan(5, { started: '2026-07-01', closed: '2026-08-15', outcome: 'placement_avoided', ages: [5, 6],
    meetings: [meeting(1, '2026-07-05', [], { status: 'cancelled' })] }),
  // Closed the day before T2 began: not in T2's figures at all.
  plan(6, { started: '2025-10-01', closed: '2026-04-30', outcome: 'stays_home', ages: [8],
    meetings: [meeting(1, '2026-03-01', [11, 12, 13, 14])],
    checks: [['2026-03-03', 'kept', '19:00']],
    answers: [['2026-04-10', 'follow_up', 'parent', 'feels_safe', 0]] }),
  // Starts the day after T2 ended.
  plan(7, { started: '2026-09-01', ages: [3], meetings: [meeting(1, '2026-09-05', [11, 12, 13])] }),
  // Version 3: its check-ins answer the agreement as a whole.
  plan(8, { v3: true, started: '2026-04-01', ages: [10],
    meetings: [meeting(1, '2026-04-15', [11, 12]), meeting(2, '2026-05-02', [11, 12])],
    checks: [['2026-05-12', 'kept'], ['2026-05-13', 'missed'], ['2026-07-04', 'kept']],
    scale: [[1, 11, 5], [2, 11, 5], [2, 12, 5]] }),
  plan(9, { v3: true, started: '2026-01-15', closed: '2026-06-30', outcome: 'placement_shortened', shortened: 40, ages: [1, 12],
    answers: [['2026-06-29', 'exit', 'parent', 'feels_safe_now', 3]] }),
  plan(10, { started: '2026-04-20', closed: '2026-07-10', outcome: 'placed', ages: [6],
    checks: [['2026-05-15', 'kept', '08:30']] }),
];

export const S = '< 3';
/** T2 2026, counted by hand (the reasoning beside each figure). */
export const EXPECTED = {
  // Open in T2: 1, 2, 3, 4, 5, 8, 9, 10 (6 closed 04-30, 7 starts 09-01).
  'Ärenden i arbetet under perioden': '8',
  'Ärenden som påbörjades': '3', // 3, 4, 5
  'Ärenden som avslutades': '5', // 1, 3, 5, 9, 10
  'Barn i arbetet, totalt': '11',
  'Barn 0–2 år': S, // 3 and 9: two cases
  'Barn 3–5 år': S, // 1 and 5
  'Barn 6–9 år': '4', // 2 (two), 5, 10
  'Barn 10–12 år': '3', // 4, 8, 9
  'Barn 13–17 år': S, // none
  'Barnet bor kvar hemma med planen': S, // 6 closed in T1
  'Placering undveks': '3', // 1, 3, 5
  'Placering förkortades': S, // 9
  'Barnet placerades trots planen': S, // 10
  'Familjen avslutade arbetet': S,
  'Annat utfall': S,
  'Avslutade utan angivet utfall': S,
  'Barn som placerades': S,
  'Dagar som placeringar förkortades, totalt': S, // 40, one case
  'Dagar som en placering förkortades, median': S,
  // 45 (5), 81 (10), 108 (1), 118 (3), 166 (9) days.
  'Dagar från start till avslut, median': '108,0',
  'Möten som hölls': '6', // 1, 2, 3 (two), 4, 8
  'Möten som ställdes in': S, // 5
  'Möten där ett barn deltog': S, // 2
  'Närvarande, totalt': '17', // 3 + 4 + 3 + 2 + 3 + 2
  'Närvarande per möte, median': '3,0', // 2 2 3 3 3 4
  'Privata nätverksmedlemmar': '16', // mother and grandmother in each of 8
  'Professionella': '6', // 1: 13; 2: 13, 14; 3: 13, 14; 4: 14
  'Förskola/skola': '3', // 1, 2, 3
  'Fritids': S,
  'BUP': S,
  'Vårdcentral/BVC': S,
  'Polis': S,
  'Socialtjänst': '3', // 2, 3, 4
  'Socialjouren': S,
  'Annan verksamhet': S,
  'Kontroller som gjordes': '11', // all but 8's missed one
  // 1 19:00, 2 Sat and 20:00, 3 21:00, 4 18:30 and 07:00, 8 Sat.
  'varav utanför kontorstid': '7',
  'Loggade för hela överenskommelsen (ingen vald kontroll)': S, // 8 only
  'Överenskommelsen hölls': '7', // 1, 2, 3, 4, 8 (two), 10
  'Överenskommelsen hölls inte': S, // 2 and 4
  'Inget svar': S,
  'Gick inte att nå': S,
  'Kontroller som uteblev': S,
  'Misslyckade kontroller': '4', // 2, 3 (two), 4
  'Beredskapssteg som startades (plan B och vidare)': '4',
  'Ärenden med skattning vid minst två möten': '3', // 2, 3, 8 (4 has one meeting)
  'Skattningen steg': S, // 2, 3
  'Skattningen var oförändrad': S, // 8
  'Skattningen sjönk': S,
  'Första mötet, median': '4,0', // 4, 4, 5
  'Senaste mötet, median': '6,0', // 6, 7, 5
};
/** The parents' "how safe are the children" in the follow-up: 2, 3, 4. */
export const PARENTS_FEEL_SAFE = 'Hur trygga är barnen hemma nu, tycker du? (förälder)';

/** Every name and free text in the plans, none of which may be shown. */
export const SECRETS = ['Zebulon', 'Ylva', 'Xenia', 'Wilma', 'Vera', 'Karin', 'Z.Z.', 'Ekorren', '070-174', 'Anteckning', 'stöd'];

