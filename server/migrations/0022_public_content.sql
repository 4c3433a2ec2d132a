-- Managed, versioned content of the public information pages (issue 4, ADR 0022): one page per
-- slug, one translation per language, each with its own review status. Public data, no tenant:
-- the public role reads only translations that are not drafts; knowledge editors change them.

create table content_pages (
  slug text primary key check (slug ~ '^[a-z0-9-]{1,60}$'),
  position integer not null
);

create table content_translations (
  slug text not null references content_pages (slug),
  language text not null check (language in ('sv', 'en', 'ar', 'lattlast')),
  title text not null check (length(title) between 1 and 120),
  body text not null check (length(body) between 1 and 20000),
  -- draft: not shown; unreviewed: shown, labelled as not reviewed by a person; reviewed: shown.
  review_status text not null check (review_status in ('draft', 'unreviewed', 'reviewed')),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  updated_by_label text,
  primary key (slug, language)
);

create table content_translation_versions (
  id bigint generated always as identity primary key,
  slug text not null,
  language text not null,
  version integer not null,
  title text not null,
  body text not null,
  review_status text not null,
  changed_at timestamptz not null default now(),
  changed_by uuid,
  changed_by_label text,
  foreign key (slug, language) references content_translations (slug, language),
  unique (slug, language, version)
);

alter table content_pages enable row level security;
alter table content_pages force row level security;
create policy content_pages_system on content_pages using (app_is_system()) with check (app_is_system());
create policy content_pages_read on content_pages for select to upptack_app, upptack_public using (true);
grant select on content_pages to upptack_app, upptack_public;

alter table content_translations enable row level security;
alter table content_translations force row level security;
create policy content_translations_system on content_translations using (app_is_system()) with check (app_is_system());
create policy content_translations_staff on content_translations for select to upptack_app using (true);
-- Knowledge editors are shared across organisations (`content.edit`, scope all); the route checks it.
create policy content_translations_edit on content_translations for update to upptack_app using (true) with check (true);
create policy content_translations_public on content_translations for select to upptack_public using (review_status <> 'draft');
grant select, update on content_translations to upptack_app;
grant select (slug, language, title, body, review_status, updated_at) on content_translations to upptack_public;

alter table content_translation_versions enable row level security;
alter table content_translation_versions force row level security;
create policy content_translation_versions_system on content_translation_versions using (app_is_system()) with check (app_is_system());
create policy content_translation_versions_staff on content_translation_versions to upptack_app using (true) with check (true);
grant select, insert on content_translation_versions to upptack_app;

insert into content_pages (slug, position) values
  ('vad-ar-vald', 1),
  ('lagen', 2),
  ('stod-och-skydd', 3),
  ('dolj-ditt-besok', 4);

-- The seeded texts were written for the project. Swedish is the source text; the English,
-- Arabic and lättläst versions have not been reviewed by a person yet and say so on the page
-- until a knowledge editor marks them reviewed.
insert into content_translations (slug, language, title, body, review_status, updated_by_label) values
('vad-ar-vald', 'sv', 'Vad är våld?', $c$Våld är när någon skadar, hotar, kontrollerar eller kränker en annan person. Det kan hända i en parrelation, i familjen eller från någon annan i din närhet. Våld är aldrig ditt fel.

## Olika former av våld
- Fysiskt våld: slag, sparkar, knuffar, stryptag, att hålla fast någon.
- Psykiskt våld: hot, kränkningar, att göra någon rädd, att isolera någon från familj och vänner.
- Sexuellt våld: att tvinga eller pressa någon till sexuella handlingar. Det gäller också i en parrelation.
- Ekonomiskt våld: att ta någons pengar, hindra någon från att arbeta eller ta lån i någons namn.
- Digitalt våld: att kontrollera någons telefon eller konton, sprida bilder eller spåra var någon är.
- Hedersrelaterat våld och förtryck: när familjen eller släkten kontrollerar någons liv, till exempel vem man får träffa eller gifta sig med, för att bevara familjens heder. Barnäktenskap, tvångsäktenskap och könsstympning är brott.
- Försummelse: att inte ge någon som är beroende av dig mat, mediciner eller hjälp.

## Barn som upplever våld
Barn som ser eller hör våld mellan vuxna i familjen är också utsatta för våld. De har rätt till stöd.$c$, 'reviewed', 'Projektets redaktion'),
('vad-ar-vald', 'en', 'What is violence?', $c$Violence is when someone hurts, threatens, controls or degrades another person. It can happen in a relationship, in the family or from someone else close to you. Violence is never your fault.

## Forms of violence
- Physical violence: hitting, kicking, pushing, strangling, holding someone down.
- Psychological violence: threats, insults, making someone afraid, isolating someone from family and friends.
- Sexual violence: forcing or pressuring someone into sexual acts. This applies in a relationship too.
- Economic violence: taking someone's money, stopping someone from working or taking loans in someone's name.
- Digital violence: controlling someone's phone or accounts, spreading pictures or tracking where someone is.
- Honour-related violence and oppression: when the family or relatives control someone's life, for example whom they may meet or marry, to preserve the family's honour. Child marriage, forced marriage and female genital mutilation are crimes.
- Neglect: not giving someone who depends on you food, medicine or help.

## Children who experience violence
Children who see or hear violence between adults in the family are also exposed to violence. They have the right to support.$c$, 'unreviewed', 'Projektets redaktion'),
('vad-ar-vald', 'ar', 'ما هو العنف؟', $c$العنف هو عندما يؤذي شخص شخصًا آخر أو يهدده أو يتحكم فيه أو يهينه. يمكن أن يحدث في العلاقة الزوجية أو في العائلة أو من شخص آخر قريب منك. العنف ليس ذنبك أبدًا.

## أشكال العنف
- العنف الجسدي: الضرب والركل والدفع والخنق وتقييد الشخص.
- العنف النفسي: التهديد والإهانة وتخويف الشخص وعزله عن عائلته وأصدقائه.
- العنف الجنسي: إجبار شخص أو الضغط عليه للقيام بأفعال جنسية. وهذا ينطبق أيضًا داخل العلاقة الزوجية.
- العنف الاقتصادي: أخذ أموال شخص أو منعه من العمل أو أخذ قروض باسمه.
- العنف الرقمي: التحكم في هاتف شخص أو حساباته أو نشر صوره أو تتبع مكانه.
- العنف والقمع المرتبطان بالشرف: عندما تتحكم العائلة أو الأقارب في حياة شخص، مثلًا من يمكنه أن يلتقي أو يتزوج، للحفاظ على شرف العائلة. زواج الأطفال والزواج القسري وختان الإناث جرائم.
- الإهمال: عدم تقديم الطعام أو الدواء أو المساعدة لشخص يعتمد عليك.

## الأطفال الذين يعيشون العنف
الأطفال الذين يرون أو يسمعون العنف بين البالغين في العائلة معرضون أيضًا للعنف. لهم الحق في الدعم.$c$, 'unreviewed', 'Projektets redaktion'),
('vad-ar-vald', 'lattlast', 'Vad är våld?', $c$Våld är när någon gör dig illa. Det kan vara att någon slår dig. Det kan också vara att någon hotar dig eller bestämmer över dig. Det är aldrig ditt fel.

## Det finns många sorters våld
- Någon slår, sparkar eller knuffar dig.
- Någon säger elaka saker och gör dig rädd.
- Någon tvingar dig att ha sex.
- Någon tar dina pengar.
- Någon läser i din telefon eller följer efter dig.
- Familjen bestämmer vem du får träffa eller gifta dig med.

## Barn
Barn som ser eller hör våld hemma behöver också hjälp.$c$, 'unreviewed', 'Projektets redaktion'),

('lagen', 'sv', 'Vad säger lagen?', $c$I Sverige är det förbjudet att använda våld mot någon, också mot den man lever med och mot sina barn.

## Det här är brott
- Misshandel, olaga hot och ofredande.
- Grov fridskränkning och grov kvinnofridskränkning: upprepade kränkningar mot en närstående.
- Våldtäkt och andra sexualbrott. Sex ska vara frivilligt.
- Barnäktenskap, tvångsäktenskap och att lura någon att resa utomlands för att gifta sig.
- Könsstympning, också om den görs utomlands.
- Hedersförtryck är ett eget brott sedan 2022.
- Att köpa sex och att utnyttja någon i människohandel.

## Dina rättigheter
- Socialtjänsten i din kommun har ansvar för att ge stöd och hjälp till den som utsätts för våld och till barn som upplever våld.
- Du kan polisanmäla, men du behöver inte göra det för att få stöd.
- Du kan få kontaktförbud mot den som utsätter dig.
- Du har rätt till tolk hos myndigheter.
- Personal på myndigheter måste anmäla till socialtjänsten om de tror att ett barn far illa.$c$, 'reviewed', 'Projektets redaktion'),
('lagen', 'en', 'What does the law say?', $c$In Sweden it is forbidden to use violence against anyone, including the person you live with and your children.

## These are crimes
- Assault, unlawful threats and molestation.
- Gross violation of integrity: repeated violations against someone close to you.
- Rape and other sexual crimes. Sex must be voluntary.
- Child marriage, forced marriage and tricking someone into travelling abroad to marry.
- Female genital mutilation, also when it is done abroad.
- Honour-related oppression has been a crime of its own since 2022.
- Buying sex and exploiting someone in human trafficking.

## Your rights
- The social services in your municipality are responsible for supporting people exposed to violence and children who experience violence.
- You can report to the police, but you do not have to in order to get support.
- You can get a restraining order against the person who harms you.
- You have the right to an interpreter at public authorities.
- Staff at public authorities must report to the social services if they believe a child is at risk.$c$, 'unreviewed', 'Projektets redaktion'),
('lagen', 'ar', 'ماذا يقول القانون؟', $c$في السويد يُمنع استخدام العنف ضد أي شخص، بما في ذلك الشخص الذي تعيش معه وأطفالك.

## هذه جرائم
- الاعتداء والتهديد غير القانوني والتحرش.
- الانتهاك الجسيم للسلامة: انتهاكات متكررة ضد شخص قريب.
- الاغتصاب والجرائم الجنسية الأخرى. يجب أن تكون العلاقة الجنسية طوعية.
- زواج الأطفال والزواج القسري وخداع شخص للسفر إلى الخارج من أجل الزواج.
- ختان الإناث، حتى لو تم في الخارج.
- القمع المرتبط بالشرف جريمة مستقلة منذ عام 2022.
- شراء الجنس واستغلال شخص في الاتجار بالبشر.

## حقوقك
- الخدمات الاجتماعية في بلديتك مسؤولة عن دعم من يتعرض للعنف والأطفال الذين يعيشون العنف.
- يمكنك إبلاغ الشرطة، لكن هذا ليس شرطًا للحصول على الدعم.
- يمكنك الحصول على أمر بمنع الاتصال ضد الشخص الذي يؤذيك.
- لك الحق في مترجم لدى السلطات.
- يجب على موظفي السلطات إبلاغ الخدمات الاجتماعية إذا اعتقدوا أن طفلًا في خطر.$c$, 'unreviewed', 'Projektets redaktion'),
('lagen', 'lattlast', 'Vad säger lagen?', $c$I Sverige är det förbjudet att slå någon. Det gäller också den du bor med och dina barn.

## Det här är brott
- Att slå eller hota någon.
- Att tvinga någon att ha sex.
- Att tvinga någon att gifta sig.
- Att skada flickors och kvinnors könsorgan.

## Det här har du rätt till
- Socialtjänsten i din kommun ska hjälpa dig.
- Du kan berätta för polisen. Men du får hjälp även om du inte gör det.
- Du kan få en tolk.$c$, 'unreviewed', 'Projektets redaktion'),

('stod-och-skydd', 'sv', 'Stöd och skydd', $c$Du kan få stöd och skydd, vem du än är. Du kan vara anonym när du ringer stödlinjerna.

## Om det är akut
Ring 112 om du eller någon annan är i fara just nu.

## Om du är utsatt för våld
- Kontakta socialtjänsten i din kommun. De kan hjälpa dig med samtal, skyddat boende och kontakt med andra myndigheter.
- Ring Kvinnofridslinjen, 020-50 50 50, dygnet runt. Samtalet är gratis och syns inte på telefonräkningen.
- Kvinnojourer och tjejjourer ger stöd och kan ordna skyddat boende.

## Om du använder våld och vill sluta
Det finns hjälp. Ring Välj att sluta, 020-555 666, eller kontakta socialtjänsten i din kommun.

## Om du är orolig för ett barn
Om du tror att ett barn far illa kan du göra en orosanmälan till socialtjänsten i barnets kommun. Barn och unga kan själva ringa Bris, 116 111.

## Hitta stöd där du bor
Sök efter stöd i din kommun under Stöd nära dig.$c$, 'reviewed', 'Projektets redaktion'),
('stod-och-skydd', 'en', 'Support and protection', $c$You can get support and protection, whoever you are. You can stay anonymous when you call the support lines.

## In an emergency
Call 112 if you or someone else is in danger right now.

## If you are exposed to violence
- Contact the social services in your municipality. They can help you with counselling, protected housing and contact with other authorities.
- Call Kvinnofridslinjen, 020-50 50 50, around the clock. The call is free and does not show on the phone bill.
- Women's and girls' shelters give support and can arrange protected housing.

## If you use violence and want to stop
There is help. Call Välj att sluta, 020-555 666, or contact the social services in your municipality.

## If you are worried about a child
If you believe a child is at risk, you can report your concern to the social services in the child's municipality. Children and young people can call Bris themselves, 116 111.

## Find support where you live
Search for support in your municipality under Support near you.$c$, 'unreviewed', 'Projektets redaktion'),
('stod-och-skydd', 'ar', 'الدعم والحماية', $c$يمكنك الحصول على الدعم والحماية أيًا كنت. يمكنك أن تبقى مجهول الهوية عندما تتصل بخطوط الدعم.

## في حالة الطوارئ
اتصل بالرقم 112 إذا كنت أنت أو شخص آخر في خطر الآن.

## إذا كنت تتعرض للعنف
- تواصل مع الخدمات الاجتماعية في بلديتك. يمكنهم مساعدتك بجلسات دعم وسكن محمي والتواصل مع السلطات الأخرى.
- اتصل بخط Kvinnofridslinjen على الرقم 020-50 50 50 على مدار الساعة. المكالمة مجانية ولا تظهر في فاتورة الهاتف.
- تقدم ملاجئ النساء والفتيات الدعم ويمكنها ترتيب سكن محمي.

## إذا كنت تمارس العنف وتريد التوقف
هناك مساعدة. اتصل بخط Välj att sluta على الرقم 020-555 666 أو تواصل مع الخدمات الاجتماعية في بلديتك.

## إذا كنت قلقًا على طفل
إذا كنت تعتقد أن طفلًا في خطر، يمكنك إبلاغ الخدمات الاجتماعية في بلدية الطفل. يمكن للأطفال والشباب الاتصال بمنظمة Bris بأنفسهم على الرقم 116 111.

## ابحث عن الدعم حيث تعيش
ابحث عن الدعم في بلديتك في صفحة الدعم القريب منك.$c$, 'unreviewed', 'Projektets redaktion'),
('stod-och-skydd', 'lattlast', 'Hjälp och skydd', $c$Du kan få hjälp. Du behöver inte säga ditt namn när du ringer.

## Om det är farligt nu
Ring 112.

## Om någon slår eller hotar dig
- Ring socialtjänsten i din kommun.
- Ring Kvinnofridslinjen, 020-50 50 50. Det kostar ingenting.

## Om du slår och vill sluta
Ring Välj att sluta, 020-555 666.

## Om du är orolig för ett barn
Berätta för socialtjänsten. Barn kan ringa Bris, 116 111.$c$, 'unreviewed', 'Projektets redaktion'),

('dolj-ditt-besok', 'sv', 'Så döljer du ditt besök', $c$Om någon kontrollerar din telefon eller dator kan det vara farligt att de ser att du har läst om våld. Här är några sätt att skydda dig.

## Lämna sidan snabbt
Knappen Lämna sidan snabbt finns överst på varje sida. Du kan också trycka på Skift-tangenten tre gånger. Sidan försvinner och en annan webbplats visas. Om du trycker på Tillbaka kommer du inte tillbaka hit.

## Det här sparar vi inte
Den här webbplatsen sparar inga kakor och ingenting i webbläsaren, och den hämtar ingenting från andra webbplatser. Sidorna har neutrala namn.

## Det här kan ändå synas
- Webbläsarens historik kan visa adresserna du har besökt. Använd ett privat fönster (inkognito) eller ta bort historiken efteråt.
- Om någon har installerat ett spionprogram kan de se allt du gör. Använd då en annan dator eller telefon, till exempel på biblioteket.
- Samtal syns i telefonens samtalslista. Kvinnofridslinjen syns inte på telefonräkningen, men i listan på telefonen. Ta bort samtalet från listan.

## Om du inte är säker
Om du tror att någon övervakar dig kan du prata med Kvinnofridslinjen eller socialtjänsten om hur du kan skydda dig.$c$, 'reviewed', 'Projektets redaktion'),
('dolj-ditt-besok', 'en', 'How to hide your visit', $c$If someone checks your phone or computer, it can be dangerous for them to see that you have read about violence. Here are some ways to protect yourself.

## Leave the page quickly
The button Leave this page quickly is at the top of every page. You can also press the Shift key three times. The page disappears and another website is shown. If you press Back, you do not come back here.

## What we do not store
This website stores no cookies and nothing in the browser, and it fetches nothing from other websites. The pages have neutral names.

## What can still show
- The browser's history can show the addresses you visited. Use a private (incognito) window or delete the history afterwards.
- If someone has installed spyware, they can see everything you do. Then use another computer or phone, for example at the library.
- Calls show in the phone's call list. Kvinnofridslinjen does not show on the phone bill, but it does in the list on the phone. Delete the call from the list.

## If you are not sure
If you think someone is monitoring you, you can talk to Kvinnofridslinjen or the social services about how to protect yourself.$c$, 'unreviewed', 'Projektets redaktion'),
('dolj-ditt-besok', 'ar', 'كيف تخفي زيارتك', $c$إذا كان هناك من يراقب هاتفك أو حاسوبك، فقد يكون من الخطر أن يرى أنك قرأت عن العنف. إليك بعض الطرق لحماية نفسك.

## غادر الصفحة بسرعة
زر مغادرة الصفحة بسرعة موجود في أعلى كل صفحة. يمكنك أيضًا الضغط على مفتاح Shift ثلاث مرات. تختفي الصفحة ويظهر موقع آخر. إذا ضغطت على زر الرجوع فلن تعود إلى هنا.

## ما لا نحفظه
لا يحفظ هذا الموقع أي ملفات تعريف الارتباط ولا أي شيء في المتصفح، ولا يجلب أي شيء من مواقع أخرى. للصفحات أسماء محايدة.

## ما قد يظهر مع ذلك
- قد يُظهر سجل المتصفح العناوين التي زرتها. استخدم نافذة خاصة أو احذف السجل بعد ذلك.
- إذا ثبّت شخص ما برنامج تجسس، فيمكنه رؤية كل ما تفعله. استخدم حينها حاسوبًا أو هاتفًا آخر، مثلًا في المكتبة.
- تظهر المكالمات في قائمة المكالمات في الهاتف. لا يظهر خط Kvinnofridslinjen في فاتورة الهاتف، لكنه يظهر في قائمة الهاتف. احذف المكالمة من القائمة.

## إذا لم تكن متأكدًا
إذا كنت تعتقد أن شخصًا ما يراقبك، يمكنك التحدث مع Kvinnofridslinjen أو الخدمات الاجتماعية عن كيفية حماية نفسك.$c$, 'unreviewed', 'Projektets redaktion'),
('dolj-ditt-besok', 'lattlast', 'Så gömmer du att du varit här', $c$Någon kanske tittar i din telefon. Då kan det vara farligt att de ser att du har läst om våld.

## Lämna sidan snabbt
Tryck på knappen Lämna sidan snabbt. Den finns högst upp. Eller tryck på Skift tre gånger. Då kommer en annan sida.

## Vi sparar ingenting
Vi sparar inga kakor. Vi sparar ingenting i din telefon.

## Det här kan synas
- Historiken i webbläsaren. Ta bort den.
- Samtal i telefonens lista. Ta bort dem.$c$, 'unreviewed', 'Projektets redaktion');

insert into content_translation_versions (slug, language, version, title, body, review_status, changed_by_label)
  select slug, language, version, title, body, review_status, updated_by_label from content_translations;
