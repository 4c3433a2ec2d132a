-- The default question set, version 2 (issue 20, ADR 0097): the national strategy's forms of
-- violence offered as their own choices under the two existing questions (genital mutilation,
-- forced and child marriage apart from other honour-related violence; prostitution and four kinds
-- of trafficking apart from other exploitation; sexual harassment), and the answer "wants help to
-- stop" to the follow-up question for a client who uses violence now signals
-- `perpetratorWantsHelp`, which follow-up counts. Published versions never change (ADR 0031):
-- version 1 is superseded and keeps every encounter that used it; a routine moves to version 2
-- when its owner publishes a routine version that names it (the demo routines name it at seeding).
update screening_question_set_versions set status = 'superseded'
 where id = '7d1f3a52-6c0e-4b8a-9f21-5e3c0a1d2b02' and status = 'published';

insert into screening_question_set_versions (id, question_set_id, tenant_id, number, status, name, items, published_at)
values (
  '7d1f3a52-6c0e-4b8a-9f21-5e3c0a1d2b03',
  '7d1f3a52-6c0e-4b8a-9f21-5e3c0a1d2b01',
  'a3913d8c-608e-48b1-8264-3c8d8a9f4cb2',
  2,
  'published',
  'Frågor om våld – grundversion',
  $items$[
  {
    "key": "exposure",
    "type": "yes_no_declined",
    "gate": true,
    "showWhen": null,
    "options": [],
    "text": "Har någon som står dig nära – en partner, en tidigare partner, någon i familjen eller släkten – skadat dig, hotat dig, styrt över ditt liv eller pressat dig till något sexuellt? Eller har någon annan utsatt dig för sexuellt våld?",
    "yesSignal": {
      "disclosure": "exposure"
    },
    "guidance": {
      "howToAsk": "Säg först varför du frågar: att ni frågar alla i den här situationen, eftersom våld påverkar hälsa, arbete och ekonomi. Säg att klienten inte behöver svara. Fråga lugnt, med egna ord om det passar bättre, och vänta in svaret.",
      "afterYes": "Tacka för att klienten berättar. Säg att det inte är hens fel och att det finns hjälp att få. Ställ de fördjupande frågorna om klienten vill, och fråga alltid om hen känner sig trygg just nu.",
      "afterNo": "Säg att du frågar alla och att klienten kan ta upp det senare om något ändras. Erbjud information om var stöd finns att ta med sig."
    }
  },
  {
    "key": "perpetration",
    "type": "yes_no_declined",
    "gate": true,
    "showWhen": null,
    "options": [],
    "text": "Har du själv någon gång skadat, hotat eller styrt över någon som står dig nära, eller gjort något mot en närstående som du ångrar?",
    "yesSignal": {
      "disclosure": "perpetration"
    },
    "guidance": {
      "howToAsk": "Ställ frågan på samma sätt som den förra, utan att låta anklagande. Många som använder våld vill sluta men vet inte vart de kan vända sig.",
      "afterYes": "Säg att det är bra att hen berättar och att det finns stöd för den som vill sluta använda våld. Fråga om barn berörs. Om någon är i fara just nu gäller rutinens steg för akut fara.",
      "afterNo": "Tacka för svaret och gå vidare."
    }
  },
  {
    "key": "children",
    "type": "yes_no_declined",
    "gate": true,
    "showWhen": null,
    "options": [],
    "text": "Bor det barn hos dig, eller har du barn som är hos dig regelbundet?",
    "yesSignal": {
      "children": true
    },
    "guidance": {
      "howToAsk": "Fråga om barn på ett vardagligt sätt: det gäller hushållet, inte en bedömning av klienten som förälder.",
      "afterYes": "Ställ följdfrågan om barnen har sett, hört eller själva utsatts för våld. Kom ihåg att du är skyldig att anmäla till socialtjänsten om ett barn kan fara illa.",
      "afterNo": "Gå vidare."
    }
  },
  {
    "key": "exposure_forms",
    "type": "multiple_choice",
    "gate": false,
    "showWhen": {
      "item": "exposure",
      "value": "yes"
    },
    "text": "Vad har hänt? Flera svar kan stämma.",
    "options": [
      {
        "code": "physical",
        "label": "Fysiskt våld, till exempel slag, knuffar, sparkar eller grepp om halsen",
        "signal": {
          "exposure": [
            "physical"
          ]
        }
      },
      {
        "code": "psychological",
        "label": "Psykiskt våld, till exempel förnedring, hot om att lämna eller att ta barnen, isolering från vänner och familj",
        "signal": {
          "exposure": [
            "psychological"
          ]
        }
      },
      {
        "code": "sexual",
        "label": "Sexuellt våld, till exempel att bli tvingad eller pressad till sex eller sexuella handlingar",
        "signal": {
          "exposure": [
            "sexual"
          ]
        }
      },
      {
        "code": "sexual_harassment",
        "label": "Sexuella trakasserier, till exempel ovälkomna kommentarer, beröring, meddelanden eller bilder av sexuell natur",
        "signal": {
          "exposure": [
            "sexual_harassment"
          ]
        }
      },
      {
        "code": "economic",
        "label": "Ekonomiskt våld, till exempel att få sina pengar tagna, bli skuldsatt eller nekas att bestämma över sin ekonomi",
        "signal": {
          "exposure": [
            "economic"
          ]
        }
      },
      {
        "code": "threats",
        "label": "Hot om våld mot en själv, barnen, husdjur eller någon annan",
        "signal": {
          "exposure": [
            "threats"
          ]
        }
      },
      {
        "code": "control",
        "label": "Kontroll i vardagen, till exempel att någon bestämmer vem man träffar, hur man klär sig eller om man får arbeta eller studera",
        "signal": {
          "exposure": [
            "control"
          ]
        }
      },
      {
        "code": "honour",
        "label": "Annat hedersrelaterat våld och förtryck, till exempel krav från familjen eller släkten om hur man ska leva, vem man får träffa eller hot om att skickas utomlands",
        "signal": {
          "exposure": [
            "honour"
          ]
        }
      },
      {
        "code": "fgm",
        "label": "Könsstympning: att ha blivit könsstympad eller vara rädd att bli det",
        "signal": {
          "exposure": [
            "fgm"
          ]
        }
      },
      {
        "code": "forced_marriage",
        "label": "Tvångsäktenskap: att ha tvingats eller pressats att gifta sig, eller att vara rädd att bli det",
        "signal": {
          "exposure": [
            "forced_marriage"
          ]
        }
      },
      {
        "code": "child_marriage",
        "label": "Barnäktenskap: att ha blivit gift, eller bortlovad, före 18 års ålder",
        "signal": {
          "exposure": [
            "child_marriage"
          ]
        }
      },
      {
        "code": "digital",
        "label": "Digitalt våld, till exempel att någon läser ens telefon, spårar var man är eller sprider bilder",
        "signal": {
          "exposure": [
            "digital"
          ]
        }
      },
      {
        "code": "prostitution",
        "label": "Att sälja eller ha sålt sex (prostitution)",
        "signal": {
          "exposure": [
            "prostitution"
          ]
        }
      },
      {
        "code": "trafficking_sexual_adult",
        "label": "Människohandel för sexuella ändamål, som vuxen: att ha rekryterats, flyttats eller hållits kvar för att utnyttjas sexuellt",
        "signal": {
          "exposure": [
            "trafficking_sexual_adult"
          ]
        }
      },
      {
        "code": "trafficking_sexual_child",
        "label": "Människohandel för sexuella ändamål, som barn under 18 år: att ha rekryterats, flyttats eller hållits kvar för att utnyttjas sexuellt",
        "signal": {
          "exposure": [
            "trafficking_sexual_child"
          ]
        }
      },
      {
        "code": "trafficking_labour_adult",
        "label": "Människohandel för arbete, som vuxen: att ha rekryterats, flyttats eller hållits kvar för att tvingas arbeta, tigga eller begå brott",
        "signal": {
          "exposure": [
            "trafficking_labour_adult"
          ]
        }
      },
      {
        "code": "trafficking_labour_child",
        "label": "Människohandel för arbete, som barn under 18 år: att ha rekryterats, flyttats eller hållits kvar för att tvingas arbeta, tigga eller begå brott",
        "signal": {
          "exposure": [
            "trafficking_labour_child"
          ]
        }
      },
      {
        "code": "exploitation",
        "label": "Annat utnyttjande, till exempel att arbeta utan lön eller att någon tar ens pengar för det man gör",
        "signal": {
          "exposure": [
            "exploitation"
          ]
        }
      },
      {
        "code": "other",
        "label": "Annat, eller vill inte beskriva närmare",
        "signal": {
          "exposure": [
            "other"
          ]
        }
      }
    ],
    "guidance": {
      "howToAsk": "Låt klienten berätta med egna ord och markera det som stämmer, eller läs upp alternativen. Fråga inte efter detaljer: det räcker att veta vilken sorts våld det gäller.",
      "afterYes": "Bekräfta det klienten har berättat. Säg att alla former av våld är allvarliga, också de som inte syns.",
      "afterNo": "Vill klienten inte säga mer, markera ”Annat, eller vill inte beskriva närmare”. Välj ”Annat hedersrelaterat våld” eller ”Annat utnyttjande” bara när inget av de mer precisa alternativen stämmer."
    }
  },
  {
    "key": "safety_now",
    "type": "yes_no_declined",
    "gate": false,
    "showWhen": {
      "item": "exposure",
      "value": "yes"
    },
    "options": [],
    "text": "Är du rädd för din egen eller någon annans säkerhet just nu, till exempel när du går härifrån i dag?",
    "yesSignal": {
      "acuteDanger": true
    },
    "guidance": {
      "howToAsk": "Fråga rakt och lugnt. Svaret avgör vad du gör härnäst.",
      "afterYes": "Ta det på allvar. Vid akut fara: ring 112 tillsammans med klienten eller se till att hen gör det. Följ rutinens steg för akut fara och hänvisa till socialtjänsten eller socialjouren samma dag.",
      "afterNo": "Berätta vart klienten kan vända sig om läget ändras, till exempel en stödlinje som svarar dygnet runt."
    }
  },
  {
    "key": "perpetration_forms",
    "type": "multiple_choice",
    "gate": false,
    "showWhen": {
      "item": "perpetration",
      "value": "yes"
    },
    "text": "Vad har du gjort? Flera svar kan stämma.",
    "options": [
      {
        "code": "physical",
        "label": "Fysiskt våld, till exempel slag, knuffar, sparkar eller grepp om halsen",
        "signal": {
          "perpetration": [
            "physical"
          ]
        }
      },
      {
        "code": "psychological",
        "label": "Psykiskt våld, till exempel förnedring, hot om att lämna eller att ta barnen, isolering från vänner och familj",
        "signal": {
          "perpetration": [
            "psychological"
          ]
        }
      },
      {
        "code": "sexual",
        "label": "Sexuellt våld, till exempel att bli tvingad eller pressad till sex eller sexuella handlingar",
        "signal": {
          "perpetration": [
            "sexual"
          ]
        }
      },
      {
        "code": "sexual_harassment",
        "label": "Sexuella trakasserier, till exempel ovälkomna kommentarer, beröring, meddelanden eller bilder av sexuell natur",
        "signal": {
          "perpetration": [
            "sexual_harassment"
          ]
        }
      },
      {
        "code": "economic",
        "label": "Ekonomiskt våld, till exempel att få sina pengar tagna, bli skuldsatt eller nekas att bestämma över sin ekonomi",
        "signal": {
          "perpetration": [
            "economic"
          ]
        }
      },
      {
        "code": "threats",
        "label": "Hot om våld mot en själv, barnen, husdjur eller någon annan",
        "signal": {
          "perpetration": [
            "threats"
          ]
        }
      },
      {
        "code": "control",
        "label": "Kontroll i vardagen, till exempel att någon bestämmer vem man träffar, hur man klär sig eller om man får arbeta eller studera",
        "signal": {
          "perpetration": [
            "control"
          ]
        }
      },
      {
        "code": "honour",
        "label": "Annat hedersrelaterat våld och förtryck, till exempel krav från familjen eller släkten om hur man ska leva, vem man får träffa eller hot om att skickas utomlands",
        "signal": {
          "perpetration": [
            "honour"
          ]
        }
      },
      {
        "code": "fgm",
        "label": "Könsstympning: att ha låtit könsstympa någon, eller planerat det",
        "signal": {
          "perpetration": [
            "fgm"
          ]
        }
      },
      {
        "code": "forced_marriage",
        "label": "Tvångsäktenskap: att ha tvingat eller pressat någon att gifta sig",
        "signal": {
          "perpetration": [
            "forced_marriage"
          ]
        }
      },
      {
        "code": "child_marriage",
        "label": "Barnäktenskap: att ha gift bort, eller lovat bort, någon under 18 år",
        "signal": {
          "perpetration": [
            "child_marriage"
          ]
        }
      },
      {
        "code": "digital",
        "label": "Digitalt våld, till exempel att någon läser ens telefon, spårar var man är eller sprider bilder",
        "signal": {
          "perpetration": [
            "digital"
          ]
        }
      },
      {
        "code": "trafficking_sexual_adult",
        "label": "Människohandel för sexuella ändamål, med en vuxen: att ha rekryterat, flyttat eller hållit kvar någon för att utnyttjas sexuellt",
        "signal": {
          "perpetration": [
            "trafficking_sexual_adult"
          ]
        }
      },
      {
        "code": "trafficking_sexual_child",
        "label": "Människohandel för sexuella ändamål, med ett barn under 18 år: att ha rekryterat, flyttat eller hållit kvar någon för att utnyttjas sexuellt",
        "signal": {
          "perpetration": [
            "trafficking_sexual_child"
          ]
        }
      },
      {
        "code": "trafficking_labour_adult",
        "label": "Människohandel för arbete, med en vuxen: att ha rekryterat, flyttat eller hållit kvar någon för att arbeta, tigga eller begå brott",
        "signal": {
          "perpetration": [
            "trafficking_labour_adult"
          ]
        }
      },
      {
        "code": "trafficking_labour_child",
        "label": "Människohandel för arbete, med ett barn under 18 år: att ha rekryterat, flyttat eller hållit kvar någon för att arbeta, tigga eller begå brott",
        "signal": {
          "perpetration": [
            "trafficking_labour_child"
          ]
        }
      },
      {
        "code": "exploitation",
        "label": "Annat utnyttjande, till exempel att låta någon arbeta utan lön eller ta någons pengar för det hen gör",
        "signal": {
          "perpetration": [
            "exploitation"
          ]
        }
      },
      {
        "code": "other",
        "label": "Annat, eller vill inte beskriva närmare",
        "signal": {
          "perpetration": [
            "other"
          ]
        }
      }
    ],
    "guidance": {
      "howToAsk": "Låt klienten beskriva med egna ord och markera det som stämmer. Värdera inte; målet är att kunna hänvisa rätt.",
      "afterYes": "Säg att det finns verksamheter som hjälper den som vill sluta, och att det går att få stöd utan att någon annan får veta.",
      "afterNo": "Vill klienten inte säga mer, markera ”Annat, eller vill inte beskriva närmare”."
    }
  },
  {
    "key": "perpetration_support",
    "type": "yes_no_declined",
    "gate": false,
    "showWhen": {
      "item": "perpetration",
      "value": "yes"
    },
    "options": [],
    "text": "Vill du ha kontakt med någon som kan hjälpa dig att sluta?",
    "guidance": {
      "howToAsk": "Fråga öppet; ett ja är ett viktigt steg.",
      "afterYes": "Visa stöd för den som använder våld i klientens kommun och nationellt, och erbjud kontaktuppgifterna. Registrera hänvisningen till en verksamhet för den som vill sluta (mottagare: verksamhet för våldsutövare), så att den räknas i uppföljningen.",
      "afterNo": "Ge ändå information om var stöd finns, om klienten ändrar sig."
    },
    "yesSignal": {
      "perpetratorWantsHelp": true
    }
  },
  {
    "key": "children_exposed",
    "type": "yes_no_declined",
    "gate": false,
    "showWhen": {
      "item": "children",
      "value": "yes"
    },
    "options": [],
    "text": "Har barnen sett eller hört våld eller hot hemma, eller själva blivit utsatta?",
    "yesSignal": {
      "childAtRisk": true
    },
    "guidance": {
      "howToAsk": "Fråga om det barnen kan ha varit med om, utan att fråga efter barnens namn.",
      "afterYes": "Ett barn kan fara illa: du ska genast anmäla till socialtjänsten i barnets kommun. Berätta för klienten att du gör en anmälan och varför, om det inte skadar barnet. Rutinen anger lagrummet och hur du når socialtjänsten.",
      "afterNo": "Gå vidare. Tyder något annat på att ett barn far illa gäller anmälningsskyldigheten ändå."
    }
  }
]$items$::jsonb,
  app_now()
);
