//! The built-in sample family (fictional): Alva, 7, and Elis, 3, with their
//! network, three agreements with A–D chains, two meetings of scaling answers
//! and Alva's own words. The demo opens with it; tests use it as a realistic plan.
//! Everything here is invented (see `shared/examples/sample-family.md`).

use crate::document::date::{Date, TimeOfDay, Weekday};
use crate::document::ids::*;
use crate::document::plan::*;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|| panic!("sample date {s}"))
}

fn place(sector: Sector, ring: u8, along: u16) -> Place {
    Place {
        ring: Ring::new(ring).unwrap_or(Ring::MIDDLE),
        sector,
        along: Permille::new(along).unwrap_or(Permille::HALF),
        depth: Permille::HALF,
    }
}

fn p(id: u32) -> PersonId {
    PersonId(id)
}

fn q(text: &str, date: &str) -> Quote {
    Quote {
        text: text.into(),
        date: Some(d(date)),
    }
}

fn entry(person: Option<u32>, text: &str) -> HouseEntry {
    HouseEntry {
        person: person.map(PersonId),
        text: text.into(),
    }
}

/// The meeting room and the consultants' unit (fictional). The staff's
/// phone numbers are from the range the Swedish regulator PTS keeps for
/// fiction (070-174 06 05 to 070-174 06 99), so they reach nobody.
const ROOM: &str = "Socialkontoret Skärholmen, rum Ekorren";
const UNIT: &str = "Säkerhetskonsulterna, Skärholmen";

fn told(child: u32) -> ChildTakingPart {
    ChildTakingPart {
        child: PersonId(child),
        part: ChildPart::Told,
    }
}

// Ids used below, named for readability.
const ALVA: u32 = 1;
const ELIS: u32 = 2;
const JENNY: u32 = 3;
const MIKAEL: u32 = 4;
const BIRGITTA: u32 = 5;
const TOMAS: u32 = 6;
const SANNA: u32 = 7;
const GUNNAR: u32 = 8;
const FATIMA: u32 = 9;
const PERNILLA: u32 = 10;
const JONAS: u32 = 11;
const LENA: u32 = 12;
const AHMED: u32 = 13;
const BUP: u32 = 14;
const VC: u32 = 15;

/// The sample family's plan, as it stands at meeting 2 (2026-11-23).
pub fn sample_plan() -> Plan {
    let person =
        |id: u32, name: &str, role: &str, sector: Sector, ring: u8, along: u16, note: &str| {
            Person {
                id: p(id),
                name: name.into(),
                role: role.into(),
                kind: sector.usual_kind(),
                agency: None,
                place: place(sector, ring, along),
                lives_with_child: false,
                custodian_of: Vec::new(),
                protected: false,
                phone: String::new(),
                note: note.into(),
            }
        };
    let mut people = vec![
        Person {
            lives_with_child: true,
            phone: "070-123 45 01".into(),
            ..person(
                JENNY,
                "Jenny",
                "mamma",
                Sector::Family,
                1,
                300,
                "Bor med barnen.",
            )
        },
        Person {
            lives_with_child: true,
            ..person(
                MIKAEL,
                "Mikael",
                "mammas sambo",
                Sector::Family,
                1,
                700,
                "Bor med barnen.",
            )
        },
        Person {
            phone: "070-123 45 02".into(),
            ..person(
                BIRGITTA,
                "Birgitta",
                "mormor",
                Sector::Relatives,
                1,
                500,
                "Bor 10 minuter bort, har bil.",
            )
        },
        person(
            TOMAS,
            "Tomas",
            "morfar (Birgittas man)",
            Sector::Relatives,
            2,
            300,
            "",
        ),
        person(
            SANNA,
            "Sanna",
            "moster",
            Sector::Relatives,
            2,
            750,
            "Arbetar skift.",
        ),
        Person {
            phone: "070-123 45 03".into(),
            ..person(
                GUNNAR,
                "Gunnar",
                "granne",
                Sector::FriendsNeighbours,
                2,
                300,
                "Pensionär, hemma på kvällarna.",
            )
        },
        person(
            FATIMA,
            "Fatima",
            "Jennys väninna",
            Sector::FriendsNeighbours,
            2,
            750,
            "",
        ),
        person(
            PERNILLA,
            "Pernilla",
            "förskollärare (Alvas avdelning)",
            Sector::School,
            2,
            500,
            "",
        ),
        person(
            JONAS,
            "Jonas",
            "fotbollstränare",
            Sector::Leisure,
            3,
            500,
            "Alvas träning på tisdagar.",
        ),
        person(
            LENA,
            "Lena",
            "socialsekreterare",
            Sector::Professionals,
            2,
            250,
            "Utredande socialsekreterare.",
        ),
        person(
            AHMED,
            "Ahmed",
            "säkerhetskonsult",
            Sector::Professionals,
            2,
            750,
            "Leder nätverksmötena.",
        ),
        person(
            BUP,
            "BUP Skärholmen",
            "barn- och ungdomspsykiatri",
            Sector::Professionals,
            3,
            300,
            "Bedömning bokad.",
        ),
        person(
            VC,
            "Vårdcentralen",
            "vårdcentral",
            Sector::Professionals,
            3,
            700,
            "Mikaels uppföljning av alkohol.",
        ),
    ];
    people.iter_mut().for_each(|x| {
        if matches!(x.place.sector, Sector::School | Sector::Professionals) {
            x.kind = PersonKind::Professional;
        }
        // The agencies the unit counts, and who has custody of the children.
        x.agency = match x.id.0 {
            PERNILLA => Some(AgencyKind::School),
            LENA | AHMED => Some(AgencyKind::SocialServices),
            BUP => Some(AgencyKind::Bup),
            VC => Some(AgencyKind::HealthCentre),
            _ => None,
        };
        if x.id.0 == JENNY {
            x.custodian_of = vec![p(ALVA), p(ELIS)];
        }
    });

    let rel = |id: u32, from: u32, to: u32, kind: RelationKind, supports: bool| Relation {
        id: RelationId(id),
        from: p(from),
        to: p(to),
        kind,
        supports,
        note: String::new(),
    };
    let relations = vec![
        rel(1, BIRGITTA, JENNY, RelationKind::Strong, true),
        rel(2, JENNY, MIKAEL, RelationKind::Stressful, false),
        Relation {
            note: "Bruten sedan förra året.".into(),
            ..rel(3, MIKAEL, BIRGITTA, RelationKind::Broken, false)
        },
        rel(4, GUNNAR, JENNY, RelationKind::Weak, true),
        rel(5, PERNILLA, ALVA, RelationKind::Strong, true),
    ];

    let meeting1 = MeetingId(1);
    let meeting2 = MeetingId(2);
    let meetings = vec![
        Meeting {
            time: TimeOfDay::from_hm(13, 0),
            location: ROOM.into(),
            invited: [
                JENNY, MIKAEL, BIRGITTA, TOMAS, SANNA, GUNNAR, PERNILLA, LENA, AHMED,
            ]
            .map(p)
            .to_vec(),
            participants: [
                JENNY, MIKAEL, BIRGITTA, TOMAS, GUNNAR, PERNILLA, LENA, AHMED,
            ]
            .map(p)
            .to_vec(),
            children: vec![told(ALVA)],
            assessment: Some(Assessment {
                verdict: Verdict::StaysHome,
                next_steps: "Planen gäller från i kväll. Birgitta sover över de första helgerna. \
                             Uppföljning om tre veckor."
                    .into(),
            }),
            note: "Första nätverksmötet.".into(),
            ..Meeting::held(meeting1, d("2026-11-02"))
        },
        Meeting {
            time: TimeOfDay::from_hm(13, 0),
            location: ROOM.into(),
            invited: [
                JENNY, MIKAEL, BIRGITTA, TOMAS, SANNA, GUNNAR, FATIMA, PERNILLA, LENA, AHMED,
            ]
            .map(p)
            .to_vec(),
            participants: [
                JENNY, MIKAEL, BIRGITTA, SANNA, GUNNAR, FATIMA, PERNILLA, LENA, AHMED,
            ]
            .map(p)
            .to_vec(),
            children: vec![told(ALVA)],
            assessment: Some(Assessment {
                verdict: Verdict::StaysHome,
                next_steps: "Planen fungerar: två missade kvällssamtal, då tog plan B vid. \
                             Fatima och Sanna går in i plan C."
                    .into(),
            }),
            note: "Uppföljning efter tre veckor.".into(),
            ..Meeting::held(meeting2, d("2026-11-23"))
        },
        Meeting {
            time: TimeOfDay::from_hm(13, 0),
            location: ROOM.into(),
            invited: [
                JENNY, MIKAEL, BIRGITTA, TOMAS, SANNA, GUNNAR, FATIMA, PERNILLA, LENA, AHMED,
            ]
            .map(p)
            .to_vec(),
            ..Meeting::planned(MeetingId(3), d("2026-12-14"))
        },
    ];

    let note = |id: u32, column: Column, text: &str| MappingNote {
        id: NoteId(id),
        column,
        text: text.into(),
    };
    let mapping = vec![
        note(1, Column::Worry, "Förskolan såg blåmärken på Alvas arm."),
        note(
            2,
            Column::Worry,
            "Alva har sagt: \"Mikael blir arg på kvällarna\".",
        ),
        note(
            3,
            Column::Worry,
            "Mikael har varit våldsam när han druckit.",
        ),
        note(
            4,
            Column::WorkingWell,
            "Mormor Birgitta finns nära och ställer upp.",
        ),
        note(
            5,
            Column::WorkingWell,
            "Alva trivs på förskolan och på fotbollen.",
        ),
        note(
            6,
            Column::WorkingWell,
            "Jenny söker hjälp och vill att barnen ska vara trygga.",
        ),
        note(
            7,
            Column::NeedsToHappen,
            "Mikael ska inte vara ensam med barnen när han druckit.",
        ),
        note(8, Column::NeedsToHappen, "Alva ska veta vem hon kan ringa."),
        note(
            9,
            Column::Complicating,
            "Mikael och mormor Birgitta har ingen kontakt.",
        ),
        note(
            10,
            Column::Complicating,
            "Sanna arbetar skift och kan inte alltid.",
        ),
    ];

    let dangers = vec![DangerStatement {
        id: DangerId(1),
        statement: "Socialtjänsten och förskolan är oroliga för att Mikael slår Alva när han har \
                    druckit på kvällarna, och att Alva kan bli skadad och bli rädd för att vara hemma."
            .into(),
        goal: "Alva och Elis är trygga hemma varje kväll och vet vem de ska ringa om de blir \
               rädda. Mikael är aldrig ensam med barnen när han har druckit."
            .into(),
        stances: vec![
            Stance {
                person: p(JENNY),
                agrees: Agreeing::Yes,
                comment: String::new(),
            },
            Stance {
                person: p(MIKAEL),
                agrees: Agreeing::Partly,
                comment: "\"Inte slår, men har tagit hårt i henne.\"".into(),
            },
        ],
    }];

    let answers = |meeting: MeetingId, values: [u8; 5]| {
        [JENNY, MIKAEL, BIRGITTA, PERNILLA, LENA]
            .into_iter()
            .zip(values)
            .map(move |(who, v)| ScaleAnswer {
                meeting,
                person: p(who),
                value: Score::new(v).unwrap_or(Score::new(0).unwrap_or_else(|| unreachable!())),
            })
    };
    let scales = vec![ScaleQuestion {
        id: ScaleId(1),
        question: "Hur tryggt är det för Alva och Elis att bo hemma just nu?".into(),
        low: "Barnen kan inte bo hemma".into(),
        high: "Tillräckligt tryggt för att avsluta ärendet".into(),
        answers: answers(meeting1, [5, 7, 3, 4, 3])
            .chain(answers(meeting2, [6, 7, 5, 5, 5]))
            .collect(),
    }];

    let step = |people: &[u32], action: &str| Step {
        people: people.iter().copied().map(p).collect(),
        action: action.into(),
    };
    let agreements = vec![
        Agreement {
            id: AgreementId(1),
            text: "Mikael är aldrig ensam med barnen efter klockan 17.".into(),
            responsible: vec![p(JENNY)],
            checks: vec![Check {
                by: vec![p(BIRGITTA)],
                method: Method::Call,
                when: Frequency::Day,
                time: TimeOfDay::from_hm(19, 0),
                note: "Birgitta ringer Jenny varje kväll.".into(),
            }],
            chain: vec![
                step(&[JENNY], "Jenny är hemma senast kl. 17 varje vardag."),
                step(&[BIRGITTA], "Om Jenny blir sen hämtar Birgitta barnen på förskolan."),
                step(&[SANNA, FATIMA], "Om Birgitta inte kan hämtar Sanna eller Fatima barnen."),
                step(
                    &[JENNY, LENA],
                    "Om ingen kan ringer Jenny Lena (dagtid) eller socialjouren (kväll).",
                ),
            ],
        },
        Agreement {
            id: AgreementId(2),
            text: "Mikael dricker inte alkohol hemma. Har han druckit lämnar han lägenheten och \
                   sover hos sin bror."
                .into(),
            responsible: vec![p(MIKAEL)],
            checks: vec![
                Check {
                    by: vec![p(JENNY), p(BIRGITTA)],
                    method: Method::Call,
                    when: Frequency::Day,
                    time: TimeOfDay::from_hm(19, 0),
                    note: "Jenny berättar för Birgitta i samtalet kl. 19.".into(),
                },
                Check {
                    by: vec![p(AHMED)],
                    method: Method::UnannouncedVisit,
                    when: Frequency::Week { times: 1 },
                    time: None,
                    note: String::new(),
                },
            ],
            chain: vec![
                step(&[MIKAEL], "Mikael lämnar lägenheten och sover hos sin bror."),
                step(
                    &[JENNY, BIRGITTA],
                    "Om Mikael har druckit och inte går tar Jenny barnen till Birgitta.",
                ),
                step(&[JENNY, GUNNAR], "Om Jenny inte kan gå ringer hon Gunnar, som kommer över."),
                step(&[JENNY], "Ring 112."),
            ],
        },
        Agreement {
            id: AgreementId(3),
            text: "Alva vet vem hon kan ringa: hon har ett kort med Birgittas och Gunnars nummer \
                   i ryggsäcken."
                .into(),
            responsible: vec![p(JENNY)],
            checks: vec![Check {
                by: vec![p(PERNILLA)],
                method: Method::InPerson,
                when: Frequency::Days {
                    days: vec![Weekday::Mon],
                },
                time: TimeOfDay::from_hm(9, 0),
                note: "Pernilla ser att kortet finns och frågar hur helgen var.".into(),
            }],
            chain: vec![
                step(&[ALVA], "Alva har kortet i ryggsäcken."),
                step(
                    &[PERNILLA, LENA],
                    "Om Alva verkar rädd eller berättar något oroande ringer Pernilla Lena samma dag.",
                ),
            ],
        },
    ];

    let arrangements = vec![Arrangement {
        id: ArrangementId(1),
        people: vec![p(BIRGITTA)],
        text: "Birgitta sover över fredag och lördag natt de första fyra veckorna.".into(),
        from: Some(d("2026-11-06")),
        to: Some(d("2026-11-29")),
    }];

    let supervision = vec![SupervisionRule {
        id: SupervisionId(1),
        adult: p(MIKAEL),
        children: vec![p(ALVA), p(ELIS)],
        allowed: Allowed::OnCondition,
        condition: "Bara dagtid och när han är nykter, vilket Jenny bekräftar.".into(),
    }];

    // Weeks 1–3: the evening call kept 19 of 21 days; two missed calls were
    // followed by plan B (Birgitta fetched the children), which held.
    let start = d("2026-11-02");
    let mut check_ins = Vec::new();
    for day in 0..21 {
        let date = start.add_days(day);
        let missed = day == 5 || day == 13;
        check_ins.push(CheckIn {
            id: CheckInId(check_ins.len() as u32 + 1),
            agreement: AgreementId(1),
            date,
            outcome: if missed {
                CheckOutcome::Missed
            } else {
                CheckOutcome::Kept
            },
            step: missed.then_some(1),
            note: if missed {
                "Samtalet blev inte av; Birgitta hämtade barnen (plan B).".into()
            } else {
                String::new()
            },
        });
    }
    for (week, kept) in [(0, true), (1, false), (2, true)] {
        check_ins.push(CheckIn {
            id: CheckInId(check_ins.len() as u32 + 1),
            agreement: AgreementId(2),
            date: start.add_days(week * 7 + 2),
            outcome: if kept {
                CheckOutcome::Kept
            } else {
                CheckOutcome::NotKept
            },
            step: (!kept).then_some(0),
            note: if kept {
                String::new()
            } else {
                "Mikael hade druckit men hade lämnat lägenheten som överenskommet.".into()
            },
        });
    }

    let child_views = vec![ChildView {
        child: p(ALVA),
        worries: vec![
            q("När Mikael skriker.", "2026-11-02"),
            q("När mamma gråter.", "2026-11-02"),
        ],
        good_things: vec![
            q("Mormor gör pannkakor.", "2026-11-02"),
            q("Fotbollen på tisdagar.", "2026-11-02"),
        ],
        dreams: vec![
            q("Att alla är snälla hemma.", "2026-11-02"),
            q("En katt.", "2026-11-02"),
        ],
        house: SafetyHouse {
            inside: vec![
                entry(Some(JENNY), ""),
                entry(Some(ELIS), ""),
                entry(Some(BIRGITTA), ""),
            ],
            visiting: vec![entry(Some(GUNNAR), ""), entry(Some(FATIMA), "")],
            outside: vec![entry(None, "Mikael när han är arg")],
            rules: vec![q("Ingen skriker hemma.", "2026-11-02")],
            path: Score::new(6),
        },
        words_and_pictures: "Alva, de vuxna runt dig har pratat om hur du och Elis ska ha det \
                             tryggt hemma. Mamma är hemma när det blir kväll. Mormor ringer \
                             varje kväll. Om du blir rädd kan du ringa mormor eller Gunnar. \
                             Numren finns på kortet i din ryggsäck."
            .into(),
    }];

    Plan {
        title: "Alva och Elis".into(),
        case: CaseStatus {
            label: "A.E. 2026-041".into(),
            started: Some(d("2026-10-26")),
            consultants: vec![
                Staff {
                    name: "Ahmed".into(),
                    phone: "070-174 06 20".into(),
                    unit: UNIT.into(),
                },
                Staff {
                    name: "Karin".into(),
                    phone: "070-174 06 21".into(),
                    unit: UNIT.into(),
                },
            ],
            commissioner: Some(Staff {
                name: "Lena".into(),
                phone: "070-174 06 22".into(),
                unit: "Utredningsenheten, Skärholmen".into(),
            }),
            ..CaseStatus::default()
        },
        consents: vec![Consent {
            id: ConsentId(1),
            person: p(JENNY),
            date: d("2026-10-26"),
            intervention: true,
            share_with: vec![
                AgencyKind::School,
                AgencyKind::Bup,
                AgencyKind::HealthCentre,
                AgencyKind::OutOfHours,
            ],
            withdrawn: None,
            note: "Muntligt samtycke, antecknat i akten.".into(),
        }],
        children: vec![
            Child {
                id: p(ALVA),
                name: "Alva".into(),
                age: Age::new(7).unwrap_or_else(|| unreachable!()),
                note: String::new(),
            },
            Child {
                id: p(ELIS),
                name: "Elis".into(),
                age: Age::new(3).unwrap_or_else(|| unreachable!()),
                note: String::new(),
            },
        ],
        people,
        relations,
        meetings,
        mapping,
        dangers,
        scales,
        agreements,
        arrangements,
        supervision,
        check_ins,
        follow_ups: Vec::new(),
        child_views,
        settings: Settings::default(),
        // No meeting of the sample has been closed.
        snapshots: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_is_a_valid_plan() {
        let plan = sample_plan();
        assert_eq!(plan.check_integrity(), Ok(()));
        assert_eq!(plan.people().len(), 13);
        assert_eq!(plan.agreements().len(), 3);
        assert!(plan.agreements()[..2].iter().all(|a| a.chain.len() == 4));
    }
}
