import { surveyDefinition, type SurveyDefinition, type SurveyDefinitionInput, type TemplateKey } from '#shared/contracts/surveys.ts';

/**
 * The shipped templates, written in our own words after the structure of the county boards'
 * annual follow-up (Länsstyrelsen Dalarna, rapport 2021:06, "Årsuppföljning: Mäns våld mot
 * kvinnor 2020"): a municipality survey of 41 questions (25 to the municipality as a whole, 16 to
 * individual and family care), an agency and Barnahus survey of 6, a women's-shelter survey of 5,
 * and an evaluation of a training event. Tags follow the national strategy's four goals
 * (Skr. 2016/17:10) and the collaboration's four joint areas. Survey content is Swedish: the
 * respondents are Swedish organisations.
 */

const quality = [
  { value: 'very_good', label: 'Mycket bra' },
  { value: 'good', label: 'Bra' },
  { value: 'poor', label: 'Mindre bra' },
  { value: 'none', label: 'Ingen samverkan' },
];

const municipality: SurveyDefinitionInput = {
  title: 'Årsuppföljning: mäns våld mot kvinnor – kommuner',
  intro:
    'Enkäten följer upp kommunens arbete enligt den nationella strategin för att förebygga och bekämpa mäns våld mot kvinnor. Del 1–3 gäller kommunen som helhet, del 4–6 individ- och familjeomsorgen. Svara utifrån förhållandena under det år som enkäten gäller.',
  sections: [
    {
      id: 'coordination',
      title: 'Samordning, uppdrag och planer',
      intro: 'Frågorna gäller kommunen som helhet.',
      questions: [
        {
          id: 'm_coordinator',
          kind: 'single_choice',
          text: 'Var finns den person eller funktion som samordnar kommunens arbete mot mäns våld mot kvinnor?',
          required: true,
          options: [
            { value: 'central', label: 'Centralt i kommunen' },
            { value: 'social_services', label: 'Inom socialtjänsten' },
            { value: 'other_department', label: 'I en annan förvaltning' },
            { value: 'other_municipality', label: 'I en annan kommun, genom avtal' },
            { value: 'none', label: 'Det finns ingen samordnare' },
          ],
          goals: ['knowledge'],
          jointAreas: ['routines'],
        },
        {
          id: 'm_coordinator_share',
          kind: 'number',
          text: 'Hur stor del av en heltid omfattar samordningsuppdraget?',
          help: 'Räkna ihop om flera delar på uppdraget.',
          unit: 'procent av en heltid',
          min: 0,
          max: 1000,
          condition: { question: 'm_coordinator', values: ['central', 'social_services', 'other_department'] },
          goals: ['knowledge'],
        },
        { id: 'm_written_mandate', kind: 'yes_no_partly', text: 'Har samordnaren ett skriftligt uppdrag med mandat att samordna arbetet?', required: true, goals: ['knowledge'], jointAreas: ['routines'] },
        { id: 'm_training_mandate', kind: 'yes_no_partly', text: 'Har någon i kommunen ett uttalat uppdrag att utbilda personal inom området?', required: true, goals: ['knowledge'], jointAreas: ['staff_support'] },
        {
          id: 'm_action_plan',
          kind: 'matrix',
          cell: 'yes_no_partly',
          text: 'Har kommunen en beslutad strategi eller handlingsplan som är känd och används i verksamheterna?',
          help: 'Svara för varje område. ”Delvis” betyder till exempel att planen bara gäller en förvaltning.',
          required: true,
          goals: ['prevention', 'detection_support'],
          jointAreas: ['routines'],
        },
        { id: 'm_action_plan_work', kind: 'yes_no_partly', text: 'Pågår arbete med att ta fram eller revidera en sådan plan?', goals: ['prevention'], jointAreas: ['routines'] },
        {
          id: 'm_staff_plan',
          kind: 'yes_no_partly',
          text: 'Har kommunen som arbetsgivare en beslutad plan eller rutin för att stödja anställda som utsätts för våld i nära relationer?',
          required: true,
          goals: ['detection_support'],
          jointAreas: ['staff_support'],
        },
        {
          id: 'm_specialists',
          kind: 'matrix',
          cell: 'number',
          text: 'Hur många handläggare arbetar särskilt med respektive område?',
          help: 'Ange antal personer, även om de bara delvis arbetar med området. Skriv 0 om ingen gör det.',
          unit: 'personer',
          min: 0,
          max: 500,
          goals: ['detection_support'],
          jointAreas: ['routines'],
        },
      ],
    },
    {
      id: 'competence',
      title: 'Kompetens och förebyggande arbete',
      intro: 'Frågorna gäller kommunen som helhet.',
      questions: [
        { id: 'm_training_prevention', kind: 'matrix', cell: 'yes_no_partly', text: 'Har kommunen under året genomfört kompetensinsatser om förebyggande arbete?', required: true, goals: ['prevention'], jointAreas: ['staff_support'] },
        { id: 'm_training_detection', kind: 'matrix', cell: 'yes_no_partly', text: 'Har kommunen under året genomfört kompetensinsatser om att upptäcka våld?', required: true, goals: ['detection_support'], jointAreas: ['staff_support', 'routines'] },
        { id: 'm_training_law', kind: 'yes_no_partly', text: 'Har kommunen genomfört insatser som rör brottsbekämpning, till exempel tillsammans med polisen?', required: true, goals: ['law_enforcement'] },
        { id: 'm_training_methods', kind: 'yes_no_partly', text: 'Har kommunen genomfört insatser för bättre kunskap och metodutveckling?', required: true, goals: ['knowledge'], jointAreas: ['staff_support'] },
        { id: 'm_training_description', kind: 'long_text', text: 'Beskriv kort de viktigaste insatserna under året.', help: 'Vilka insatser, för vilka personalgrupper och ungefär hur många som deltog.', goals: ['knowledge'] },
        {
          id: 'm_introduction',
          kind: 'single_choice',
          text: 'Ingår våld i nära relationer i introduktionen av nyanställda?',
          required: true,
          options: [
            { value: 'all', label: 'Ja, i alla berörda förvaltningar' },
            { value: 'some', label: 'Ja, i vissa förvaltningar' },
            { value: 'no', label: 'Nej' },
          ],
          other: true,
          goals: ['knowledge'],
          jointAreas: ['staff_support'],
        },
        {
          id: 'm_web_courses',
          kind: 'multiple_choice',
          text: 'Vilka nationella webbkurser eller kunskapsstöd används i introduktion eller fortbildning?',
          options: [
            { value: 'violence', label: 'Webbkurs om våld i nära relationer' },
            { value: 'honour', label: 'Webbkurs om hedersrelaterat våld och förtryck' },
            { value: 'trafficking', label: 'Kunskapsstöd om prostitution och människohandel' },
            { value: 'none', label: 'Inga' },
          ],
          other: true,
          goals: ['knowledge'],
          jointAreas: ['staff_support'],
        },
        { id: 'm_crime_prevention', kind: 'yes_no_partly', text: 'Samverkar kommunen med polisen i ett organiserat brotts- och våldsförebyggande arbete?', required: true, goals: ['prevention', 'law_enforcement'] },
        {
          id: 'm_crime_prevention_form',
          kind: 'long_text',
          text: 'Beskriv samverkan: i vilket forum, hur ofta och vilka som deltar.',
          condition: { question: 'm_crime_prevention', values: ['yes', 'partly'] },
          goals: ['prevention', 'law_enforcement'],
        },
      ],
    },
    {
      id: 'detection',
      title: 'Att upptäcka våld, behov och stöd',
      intro: 'Frågorna gäller kommunen som helhet.',
      questions: [
        {
          id: 'm_asking',
          kind: 'matrix',
          cell: 'single_choice',
          options: [
            { value: 'routinely', label: 'Rutinmässigt' },
            { value: 'indication', label: 'Vid misstanke' },
            { value: 'not', label: 'Frågar inte' },
          ],
          text: 'Hur frågar verksamheterna om våldsutsatthet?',
          help: 'Rutinmässigt betyder att alla i en målgrupp tillfrågas, inte bara de där något väcker misstanke.',
          required: true,
          goals: ['detection_support'],
          jointAreas: ['routines'],
        },
        {
          id: 'm_asking_where',
          kind: 'multiple_choice',
          text: 'I vilka verksamheter frågar man rutinmässigt?',
          options: [
            { value: 'ifo', label: 'Individ- och familjeomsorgen' },
            { value: 'elderly', label: 'Äldreomsorgen' },
            { value: 'disability', label: 'Stöd till personer med funktionsnedsättning' },
            { value: 'school', label: 'Elevhälsan' },
            { value: 'labour', label: 'Arbetsmarknadsenheten' },
          ],
          other: true,
          condition: { question: 'm_asking', values: ['routinely'] },
          goals: ['detection_support'],
          jointAreas: ['routines'],
        },
        { id: 'm_routine_followup', kind: 'yes_no_partly', text: 'Följer ni upp hur ofta personalen faktiskt frågar om våld?', required: true, goals: ['detection_support', 'knowledge'], jointAreas: ['routines'] },
        {
          id: 'm_development_needs',
          kind: 'multiple_choice',
          text: 'Inom vilka områden behöver kommunen främst utveckla arbetet?',
          options: [
            { value: 'prevention', label: 'Förebyggande arbete' },
            { value: 'detection', label: 'Att upptäcka våld' },
            { value: 'support', label: 'Skydd och stöd till våldsutsatta' },
            { value: 'children', label: 'Stöd till barn' },
            { value: 'perpetrators', label: 'Insatser till den som utövar våld' },
            { value: 'law', label: 'Brottsbekämpning' },
            { value: 'knowledge', label: 'Kunskap och metoder' },
          ],
          other: true,
          goals: ['knowledge'],
        },
        { id: 'm_competence_needs', kind: 'matrix', cell: 'yes_no_partly', text: 'Behöver personalen mer kompetens inom respektive område?', required: true, goals: ['knowledge'], jointAreas: ['staff_support'] },
        {
          id: 'm_external_support',
          kind: 'multiple_choice',
          text: 'Vilket stöd från länsstyrelsen eller andra skulle hjälpa kommunen mest?',
          options: [
            { value: 'training', label: 'Utbildningar' },
            { value: 'methods', label: 'Metodstöd' },
            { value: 'networks', label: 'Nätverk med andra kommuner' },
            { value: 'guidelines', label: 'Regionala riktlinjer för samverkan' },
            { value: 'statistics', label: 'Stöd med statistik och uppföljning' },
          ],
          other: true,
          goals: ['knowledge'],
        },
        { id: 'm_good_examples', kind: 'long_text', text: 'Finns goda exempel eller arbetssätt som ni vill dela med andra kommuner?', goals: ['knowledge'] },
        { id: 'm_comments', kind: 'long_text', text: 'Övriga kommentarer om kommunens arbete som helhet.' },
      ],
    },
    {
      id: 'collaboration',
      title: 'Samverkan (individ- och familjeomsorgen)',
      intro: 'Del 4–6 besvaras av individ- och familjeomsorgen.',
      questions: [
        {
          id: 's_shelter_agreement',
          kind: 'single_choice',
          text: 'Har socialtjänsten avtal med en kvinno- eller tjejjour?',
          required: true,
          options: [
            { value: 'non_profit', label: 'Ja, med en idéburen jour' },
            { value: 'other_provider', label: 'Ja, med en annan utförare' },
            { value: 'no', label: 'Nej' },
          ],
          goals: ['detection_support'],
          jointAreas: ['referral'],
        },
        { id: 's_collab_shelter', kind: 'single_choice', text: 'Hur fungerar samverkan med kvinno- och tjejjourer?', options: quality, required: true, goals: ['detection_support'], jointAreas: ['referral'] },
        { id: 's_collab_police', kind: 'single_choice', text: 'Hur fungerar samverkan med polisen?', options: quality, required: true, goals: ['law_enforcement'], jointAreas: ['referral'] },
        { id: 's_collab_school', kind: 'single_choice', text: 'Hur fungerar samverkan med skolan och elevhälsan?', options: quality, required: true, goals: ['prevention', 'detection_support'], jointAreas: ['referral'] },
        { id: 's_collab_health', kind: 'single_choice', text: 'Hur fungerar samverkan med hälso- och sjukvården?', options: quality, required: true, goals: ['detection_support'], jointAreas: ['referral'] },
        {
          id: 's_collab_agencies',
          kind: 'multiple_choice',
          text: 'Med vilka statliga myndigheter har ni en upparbetad samverkan i dessa frågor?',
          options: [
            { value: 'fk', label: 'Försäkringskassan' },
            { value: 'af', label: 'Arbetsförmedlingen' },
            { value: 'mv', label: 'Migrationsverket' },
            { value: 'kvv', label: 'Kriminalvården' },
            { value: 'none', label: 'Ingen av dem' },
          ],
          other: true,
          goals: ['detection_support'],
          jointAreas: ['referral'],
        },
      ],
    },
    {
      id: 'services',
      title: 'Insatser (individ- och familjeomsorgen)',
      questions: [
        { id: 's_services_adults', kind: 'matrix', cell: 'yes_no_partly', text: 'Kan socialtjänsten erbjuda egna stödinsatser till våldsutsatta vuxna?', required: true, goals: ['detection_support'] },
        { id: 's_services_children', kind: 'yes_no_partly', text: 'Kan socialtjänsten erbjuda stöd till barn som utsatts för eller bevittnat våld?', required: true, goals: ['detection_support'] },
        {
          id: 's_services_perpetrators',
          kind: 'single_choice',
          text: 'Erbjuds stöd eller behandling till den som utövar våld och vill sluta?',
          required: true,
          options: [
            { value: 'own', label: 'Ja, i egen regi' },
            { value: 'purchased', label: 'Ja, genom avtal eller köp' },
            { value: 'no', label: 'Nej' },
          ],
          other: true,
          goals: ['prevention'],
          jointAreas: ['referral'],
        },
        {
          id: 's_vulnerable_groups',
          kind: 'multiple_choice',
          text: 'Till vilka särskilt sårbara grupper har ni anpassade insatser?',
          options: [
            { value: 'disability', label: 'Personer med funktionsnedsättning' },
            { value: 'substance', label: 'Personer med missbruk eller beroende' },
            { value: 'elderly', label: 'Äldre' },
            { value: 'lgbtqi', label: 'hbtqi-personer' },
            { value: 'newly_arrived', label: 'Nyanlända' },
            { value: 'none', label: 'Inga anpassade insatser' },
          ],
          other: true,
          goals: ['detection_support'],
        },
      ],
    },
    {
      id: 'statistics',
      title: 'Statistik och uppföljning (individ- och familjeomsorgen)',
      questions: [
        {
          id: 's_case_system',
          kind: 'matrix',
          cell: 'yes_no_partly',
          text: 'Kan ert verksamhetssystem registrera ärenden per våldsområde?',
          required: true,
          goals: ['knowledge'],
          jointAreas: ['routines'],
        },
        {
          id: 's_cases',
          kind: 'matrix',
          cell: 'number',
          text: 'Hur många ärenden om våldsutsatta vuxna hade ni under året, per område?',
          help: 'Räkna personer, inte insatser. Lämna tomt om ni inte kan ta fram uppgiften.',
          unit: 'ärenden',
          min: 0,
          max: 100000,
          countsPersons: true,
          goals: ['detection_support'],
        },
        {
          id: 's_cases_children',
          kind: 'number',
          text: 'Hur många barn som utsatts för eller bevittnat våld fick insatser under året?',
          unit: 'barn',
          min: 0,
          max: 100000,
          countsPersons: true,
          goals: ['detection_support'],
        },
        {
          id: 's_cases_perpetrators',
          kind: 'number',
          text: 'Hur många personer som utövat våld fick stöd eller behandling under året?',
          unit: 'personer',
          min: 0,
          max: 100000,
          countsPersons: true,
          goals: ['prevention'],
        },
        {
          id: 's_followup_tools',
          kind: 'multiple_choice',
          text: 'Vilka bedömningsmetoder eller verktyg för uppföljning använder ni?',
          options: [
            { value: 'freda', label: 'FREDA-bedömningsmetoderna' },
            { value: 'patriark', label: 'PATRIARK' },
            { value: 'sara', label: 'SARA' },
            { value: 'own_statistics', label: 'Egen statistik vid sidan av verksamhetssystemet' },
            { value: 'none', label: 'Inga' },
          ],
          other: true,
          goals: ['knowledge'],
          jointAreas: ['routines'],
        },
        { id: 's_comments', kind: 'long_text', text: 'Övriga kommentarer från individ- och familjeomsorgen.' },
      ],
    },
  ],
};

const agency: SurveyDefinitionInput = {
  title: 'Årsuppföljning: mäns våld mot kvinnor – myndigheter och Barnahus',
  intro: 'Enkäten följer upp hur myndigheterna och Barnahus i länet arbetar med den nationella strategin, vilka utmaningar ni ser och hur ni samverkar.',
  sections: [
    {
      id: 'agency',
      title: 'Myndighetens arbete',
      questions: [
        { id: 'a_strategy_work', kind: 'long_text', text: 'Hur arbetar myndigheten med de delar av den nationella strategin som berör er?', required: true, goals: ['detection_support'], jointAreas: ['routines'] },
        {
          id: 'a_goals',
          kind: 'multiple_choice',
          text: 'Vilka av strategins mål berör främst ert arbete?',
          options: [
            { value: 'prevention', label: 'Förebyggande arbete' },
            { value: 'detection_support', label: 'Upptäckt, skydd och stöd' },
            { value: 'law_enforcement', label: 'Brottsbekämpning' },
            { value: 'knowledge', label: 'Kunskap och metodutveckling' },
          ],
          required: true,
        },
        { id: 'a_challenges', kind: 'long_text', text: 'Vilka är de största utmaningarna i arbetet just nu?', required: true, goals: ['knowledge'] },
        { id: 'a_development', kind: 'long_text', text: 'Vad skulle göra arbetet effektivare?', goals: ['knowledge'] },
        { id: 'a_collaboration', kind: 'long_text', text: 'Hur samverkar ni med andra myndigheter och kommuner i länet i dessa frågor?', required: true, jointAreas: ['referral'] },
        { id: 'a_material', kind: 'long_text', text: 'Finns material, rapporter eller metoder som länsstyrelsen bör känna till?', goals: ['knowledge'], jointAreas: ['information'] },
      ],
    },
  ],
};

const shelter: SurveyDefinitionInput = {
  title: 'Årsuppföljning: mäns våld mot kvinnor – kvinno- och tjejjourer',
  intro: 'Enkäten följer upp jourens insatser under året. Svara för varje område: våld i nära relationer, hedersrelaterat våld och förtryck samt prostitution, människohandel och sexuellt våld.',
  sections: [
    {
      id: 'shelter',
      title: 'Jourens insatser',
      questions: [
        { id: 'j_prevention', kind: 'matrix', cell: 'yes_no_partly', text: 'Har jouren arbetat förebyggande under året?', required: true, goals: ['prevention'] },
        { id: 'j_detection', kind: 'matrix', cell: 'yes_no_partly', text: 'Har jouren gjort insatser för att våld ska upptäckas, till exempel uppsökande arbete eller information?', required: true, goals: ['detection_support'], jointAreas: ['information'] },
        { id: 'j_support', kind: 'matrix', cell: 'yes_no_partly', text: 'Har jouren utvecklat skyddet och stödet till våldsutsatta kvinnor och barn?', required: true, goals: ['detection_support'] },
        { id: 'j_training', kind: 'matrix', cell: 'yes_no_partly', text: 'Har jouren genomfört eller deltagit i utbildningar?', required: true, goals: ['knowledge'], jointAreas: ['staff_support'] },
        { id: 'j_description', kind: 'long_text', text: 'Beskriv gärna insatserna, och skriv det ni vill att länsstyrelsen ska veta.' },
      ],
    },
  ],
};

const eventEvaluation: SurveyDefinitionInput = {
  title: 'Utvärdering av utbildning',
  intro: 'Tack för att du deltog! Utvärderingen är anonym och tar ett par minuter.',
  sections: [
    {
      id: 'evaluation',
      title: 'Din utvärdering',
      questions: [
        {
          id: 'e_overall',
          kind: 'single_choice',
          text: 'Hur nöjd är du med utbildningen som helhet?',
          required: true,
          options: [
            { value: 'five', label: '5 – Mycket nöjd' },
            { value: 'four', label: '4' },
            { value: 'three', label: '3' },
            { value: 'two', label: '2' },
            { value: 'one', label: '1 – Inte alls nöjd' },
          ],
          goals: ['knowledge'],
        },
        { id: 'e_useful', kind: 'yes_no_partly', text: 'Kommer du att ha nytta av innehållet i ditt arbete?', required: true, goals: ['knowledge'], jointAreas: ['staff_support'] },
        {
          id: 'e_knowledge',
          kind: 'single_choice',
          text: 'Har dina kunskaper om att upptäcka våld ökat?',
          required: true,
          options: [
            { value: 'much', label: 'Ja, mycket' },
            { value: 'some', label: 'Ja, något' },
            { value: 'no', label: 'Nej' },
          ],
          goals: ['detection_support'],
          jointAreas: ['staff_support'],
        },
        {
          id: 'e_organisation',
          kind: 'single_choice',
          text: 'Var arbetar du?',
          options: [
            { value: 'municipality', label: 'Kommun' },
            { value: 'region', label: 'Region' },
            { value: 'agency', label: 'Statlig myndighet' },
            { value: 'shelter', label: 'Kvinno- eller tjejjour' },
          ],
          other: true,
        },
        { id: 'e_improve', kind: 'long_text', text: 'Vad kan bli bättre?' },
        { id: 'e_wishes', kind: 'long_text', text: 'Vilka teman vill du att kommande utbildningar tar upp?', goals: ['knowledge'] },
      ],
    },
  ],
};

const TEMPLATE_INPUTS: Record<TemplateKey, { definition: SurveyDefinitionInput; audience: string }> = {
  municipality: { definition: municipality, audience: 'Kommuner' },
  agency: { definition: agency, audience: 'Myndigheter och Barnahus' },
  shelter: { definition: shelter, audience: 'Kvinno- och tjejjourer' },
  event_evaluation: { definition: eventEvaluation, audience: 'Deltagare i en utbildning (anonymt)' },
};

/** A template's definition, checked by the same schema as the builder's (a broken template fails at start-up and in tests). */
export function templateDefinition(key: TemplateKey): SurveyDefinition {
  return surveyDefinition.parse(TEMPLATE_INPUTS[key].definition);
}

export function templateAudience(key: TemplateKey): string {
  return TEMPLATE_INPUTS[key].audience;
}

