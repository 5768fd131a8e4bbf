# Albanian: discrimination reports: the public form, following a report, the statistics, a body's pages.

invalid-when-required = jepni ditën, ose përafërsisht kur ndodhi
invalid-ground-required = zgjidhni të paktën një bazë (ose tjetër)
invalid-not-a-phone = '{ $value }' nuk është numër telefoni
invalid-not-an-email = '{ $value }' nuk është adresë e-maili
invalid-too-many-files = njëherësh mund të dërgohen më së shumti { $max } skedarë
invalid-evidence-too-large = një skedar mund të jetë më së shumti { $mib } MiB
invalid-evidence-type = skedari është { $found }; pranohen vetëm fotografi dhe skanime (PDF, PNG, JPEG, WebP, TIFF)
invalid-evidence-full = sot nuk mund të pranohen më skedarë; dërgoni fjalët tuaja pa skedarë dhe shtojini më vonë me kodin tuaj të ndjekjes
invalid-form-expired = formulari ka skaduar ose është ndryshuar; ringarkoni faqen dhe dërgojeni përsëri
invalid-not-a-person = formulari nuk u plotësua ashtu siç do ta plotësonte një person
invalid-code-format = kodi i ndjekjes ka 16 shifra
invalid-no-such-code = asnjë raportim nuk ka këtë kod ndjekjeje; kontrolloni shifrat
invalid-not-a-body = agjencia { $id } nuk pranon raportime për diskriminim
invalid-reporter-consent-required = kërkohet pëlqimi i raportuesit
invalid-period-reversed = periudha duhet të mbarojë në ose pas ditës së saj të parë (deri më { $to })

refusal-discrimination-closed = Ky raportim është mbyllur: nuk mund të shtohen më mesazhe. Mund të dërgoni një raportim të ri.
refusal-discrimination-acknowledged = Marrja e këtij raportimi është konfirmuar tashmë.
refusal-discrimination-person-exists = Nga ky raportim është regjistruar tashmë një person (personi { $person }).
refusal-discrimination-erased = Të dhënat personale të këtij raportimi u fshinë në fund të periudhës së ruajtjes.

home-discrimination = Raportimet e diskriminimit
home-discrimination-overdue = { $count ->
    [one] raportim diskriminimi, marrja e të cilit nuk u konfirmua brenda afatit
   *[other] raportime diskriminimi, marrja e të cilave nuk u konfirmua brenda afatit
}

report-form-title = Raportoni diskriminimin
report-form-lead = A jeni trajtuar më keq për shkak të asaj që jeni: komunitetit, gjuhës, seksit, fesë, shëndetit apo ndonjë baze tjetër? Na tregoni çfarë ndodhi. Nuk keni nevojë ta jepni emrin tuaj.
report-safe = Raportimi juaj shkon vetëm te institucioni që mund të veprojë për të. Merrni një kod ndjekjeje për ta ndjekur dhe për t'iu përgjigjur pyetjeve, pa llogari.
report-errors = Ju lutemi kontrolloni këto fusha:
report-unavailable = Këtu ende nuk mund të pranohen raportime: nuk është caktuar asnjë institucion që i trajton ato. Ju lutemi kontaktoni drejtpërdrejt Institucionin e Avokatit të Popullit.
report-field-description = Çfarë ndodhi?
report-description-hint = Me fjalët tuaja: kush bëri çfarë dhe çfarë u tha.
report-when = Kur ndodhi?
report-field-happened_on = Dita, nëse e dini
report-field-happened_period = Ose përafërsisht kur
report-field-municipality = Komuna
report-field-place = Vendi (për shembull një shkollë, një zyrë, një rrugë)
report-field-area = Në cilën fushë të jetës ndodhi?
report-field-grounds = Pse mendoni se u trajtuat kështu?
report-field-perpetrator = Kush e bëri?
report-field-reporter_role = Ju jeni
report-field-files = Fotografi ose skanime (opsionale)
report-files-hint = Deri në { $max } skedarë, secili më së shumti { $mib } MiB: PDF, PNG, JPEG, WebP ose TIFF.
report-contact = Si mund t'ju kontaktojmë? (opsionale)
report-contact-hint = Lërini këto fusha bosh për të mbetur anonim. Përgjigjet mund t'i lexoni gjithsesi me kodin tuaj të ndjekjes.
report-field-contact_name = Emri juaj
report-field-contact_phone = Telefoni
report-field-contact_email = E-maili
report-field-community = Komuniteti juaj (opsionale)
report-community-not-said = Preferoj të mos e them
report-field-code = Kodi i ndjekjes
report-field-challenge = Formulari
report-field-website = Formulari
report-field-body = Mesazhi
report-field-language = Gjuha
report-noscript = Pa JavaScript, dërgimi zgjat disa sekonda më shumë.
report-send = Dërgoni raportimin
report-anonymous = anonim
report-withheld = nuk shfaqet (kërkon lejen për të dhënat e kategorive të veçanta)

report-submitted-title = Raportimi juaj u pranua
report-submitted-lead = Faleminderit. Raportimi juaj u pranua dhe shkon te: { $body }.
report-code-heading = Kodi juaj i ndjekjes
report-code-keep = Shënojeni këtë kod ose ruajeni si një numër telefoni. Shfaqet vetëm një herë: askush, as stafi, nuk mund ta shohë përsëri.
report-ack-due = Një person do ta konfirmojë marrjen e raportimit tuaj deri më { $day }.
report-limited-title = Ju lutemi prisni
report-limited = Nga kjo lidhje erdhën shumë raportime ose kërkime. Ju lutemi provoni përsëri pas { $minutes } minutash.

follow-link = Ndiqni një raportim me kodin e tij të ndjekjes
follow-title = Ndiqni raportimin tuaj
follow-lead = Shkruani kodin 16-shifror të ndjekjes që keni marrë. Mund t'i lexoni përgjigjet dhe të përgjigjeni.
follow-open = Hapeni raportimin

status-title = Raportimi juaj
status-sent = Mesazhi juaj u dërgua.
status-status = Statusi
status-body = E trajton
status-submitted = Pranuar
status-outcome = Rezultati
status-your-report = Çfarë raportuat
status-files = Skedarët
status-messages = Mesazhet
status-from-you = Ju
status-from-drom = Drom
status-question = një pyetje për ju
status-auto-ack = Raportimi juaj u pranua. Një person do ta konfirmojë marrjen së shpejti.
status-acknowledged = Marrja e raportimit tuaj u konfirmua dhe raportimi po shqyrtohet.
status-closed = Ky raportim është mbyllur.
status-write = Shkruajini institucionit që trajton raportimin tuaj
status-message = Mesazhi
status-send = Dërgo
status-refresh = Shikoni përsëri
status-files-hint = Deri në { $max } skedarë: PDF, PNG, JPEG, WebP ose TIFF.

discrimination-status-received = pranuar
discrimination-status-acknowledged = marrja e konfirmuar
discrimination-status-awaiting-reporter = në pritje të përgjigjes suaj
discrimination-status-closed = mbyllur

discrimination-period-last-week = në javën e fundit
discrimination-period-last-month = në muajin e fundit
discrimination-period-last-six-months = në gjashtë muajt e fundit
discrimination-period-last-year = në vitin e fundit
discrimination-period-earlier = më shumë se një vit më parë

discrimination-area-employment = puna dhe punësimi
discrimination-area-education = arsimi
discrimination-area-health-care = kujdesi shëndetësor
discrimination-area-housing = strehimi
discrimination-area-social-assistance = ndihma sociale
discrimination-area-public-services = shërbimet publike dhe dokumentet
discrimination-area-police-justice = policia dhe drejtësia
discrimination-area-goods-services = dyqanet dhe shërbimet
discrimination-area-other = tjetër

discrimination-ground-nationality = kombësia ose lidhja me një komunitet
discrimination-ground-national-social-origin = origjina kombëtare ose shoqërore
discrimination-ground-race = raca
discrimination-ground-ethnicity = etnia
discrimination-ground-colour = ngjyra
discrimination-ground-birth = lindja
discrimination-ground-origin = origjina
discrimination-ground-sex = seksi
discrimination-ground-gender = gjinia
discrimination-ground-gender-identity = identiteti gjinor
discrimination-ground-sexual-orientation = orientimi seksual
discrimination-ground-language = gjuha
discrimination-ground-citizenship = shtetësia
discrimination-ground-religion = feja ose besimi
discrimination-ground-political-opinion = mendimi politik ose mendim tjetër
discrimination-ground-social-status = gjendja shoqërore ose personale
discrimination-ground-age = mosha
discrimination-ground-family-status = gjendja familjare ose martesore
discrimination-ground-pregnancy = shtatzënia ose lehonia
discrimination-ground-wealth = gjendja pasurore
discrimination-ground-health-status = shëndeti
discrimination-ground-disability = aftësia e kufizuar
discrimination-ground-genetic-inheritance = trashëgimia gjenetike
discrimination-ground-other = tjetër

discrimination-perpetrator-public-institution = një institucion publik
discrimination-perpetrator-private-person = një person privat ose një kompani
discrimination-perpetrator-unknown = nuk e di

discrimination-role-victim = personi të cilit i ndodhi
discrimination-role-witness = një dëshmitar
discrimination-role-on-behalf = raportoj për dikë tjetër

discrimination-outcome-recommendation-issued = u lëshua rekomandim
discrimination-outcome-resolved-by-mediation = u zgjidh me ndërmjetësim
discrimination-outcome-referred-to-court = u referua në gjykatë ose prokurori
discrimination-outcome-referred-to-other-body = u referua te një institucion tjetër
discrimination-outcome-inadmissible = i papranueshëm
discrimination-outcome-withdrawn = u tërhoq

discrimination-author-reporter = raportuesi
discrimination-author-staff = stafi
discrimination-author-system = Drom

discrimination-event-submitted = pranuar
discrimination-event-acknowledged = marrja u konfirmua
discrimination-event-information-requested = u kërkuan informata
discrimination-event-answered = raportuesi u përgjigj
discrimination-event-transferred = u transferua
discrimination-event-closed = u mbyll
discrimination-event-registered = raportuesi u regjistrua si person
discrimination-event-erased = të dhënat personale u fshinë

discrimination-activity-meeting = takim informues publik
discrimination-activity-training = trajnim i zyrtarëve
discrimination-activity-round-table = tryezë e rrumbullakët

discrimination-body-municipal-unit = Njësia Komunale për të Drejtat e Njeriut
discrimination-body-ombudsperson = Institucioni i Avokatit të Popullit
discrimination-body-good-governance = Zyra për Qeverisje të Mirë
discrimination-body-gender-equality = Agjencia për Barazi Gjinore
discrimination-body-police = Policia

stats-title = Raportimet e diskriminimit në shifra
stats-lead = Raportimet e pranuara nga { $from } deri më { $to }. Numrat nën { $threshold } fshihen, si edhe një numër tjetër kudo ku një numër i fshehur mund të nxirrej nga totali.
stats-from = Nga
stats-to = Deri më
stats-show = Shfaq
stats-total = Raportime
stats-median-ack = Mediana e ditëve deri te konfirmimi i marrjes
stats-median-outcome = Mediana e ditëve deri te rezultati
stats-dimension-ground = Sipas bazës
stats-dimension-area = Sipas fushës së jetës
stats-dimension-municipality = Sipas komunës
stats-dimension-body = Sipas institucionit
stats-dimension-outcome = Sipas rezultatit
stats-dimension-month = Sipas muajit
stats-dimension-community = Sipas komunitetit të raportuesit
stats-none = Asnjë në këtë periudhë.
stats-reports = Raportime
stats-hidden = i fshehur
stats-hidden-note = Një raportim mund të përmendë disa baza, prandaj bazat së bashku janë më shumë se raportimet.
stats-open = ende i hapur
stats-not-said = nuk është thënë

reports-title = Raportimet e diskriminimit
reports-all = Të gjitha
reports-overdue = Pa konfirmim të marrjes në kohë
reports-none = Asnjë raportim.
reports-number = Numri
reports-ack-due = Konfirmimi deri më
reports-overdue-mark = me vonesë

report-page-title = Raportimi { $id }
report-routing = Propozuar nga rregullat e drejtimit
report-routing-confirmed = konfirmuar
report-person = Personi i regjistruar
report-person-record = regjistrimi i personit
report-erase-after = Të dhënat personale fshihen pas
report-erased = Të dhënat personale të këtij raportimi u fshinë; faktet e koduara mbeten për statistikat.
report-acknowledge = Konfirmo marrjen
report-ack-message = Mesazh për raportuesin (opsional)
report-write = Shkruaji raportuesit
report-question = Kjo është pyetje: prit përgjigjen e raportuesit
report-close = Mbyll me vendim
report-decision = Vendimi (i dërgohet raportuesit)
report-reason = Arsyeja
report-transfer = Transfero te një institucion tjetër
report-transfer-to = Institucioni
report-to-person = Regjistro raportuesin si person
report-given-name = Emri
report-family-name = Mbiemri
report-sex = Gjinia
report-consent-on = Pëlqimi u dha më
report-consent = Raportuesi pranoi të regjistrohet
report-history = Historiku
report-history-when = Kur
report-history-what = Çfarë
report-history-who = Kush

outreach-title = Aktivitetet në komunitet
outreach-saved = Aktiviteti u regjistrua.
outreach-summary = Në këtë periudhë
outreach-participants = Pjesëmarrës
outreach-activities = Aktivitete
outreach-held-on = Dita
outreach-kind = Lloji
outreach-topic = Tema
outreach-organiser = Organizatori
outreach-institutions = Institucionet e pranishme
outreach-follow-up = Veprimet pasuese
outreach-record = Regjistro një aktivitet

admin-discrimination-title = Raportimet e diskriminimit: institucionet dhe kufijtë
admin-bodies = Institucionet që pranojnë raportime
admin-no-bodies = Ende asnjë agjenci nuk pranon raportime: formulari publik e thotë këtë derisa të caktohet një.
admin-agency = Agjencia
admin-body-kind = Lloji
admin-ack-days = Ditë për konfirmimin e marrjes
admin-retention-days = Ditë ruajtjeje pas mbylljes
admin-active = Pranon raportime
admin-set-body = Cakto një agjenci si institucion
admin-save = Ruaj
admin-limits = Kufijtë e formularit publik
admin-limit-per-address-per-hour = Raportime për adresë në orë
admin-limit-per-hour = Raportime në orë nga të gjithë
admin-limit-lookups-per-address-per-hour = Kërkime të kodit të ndjekjes për adresë në orë
admin-limit-messages-per-report-per-hour = Mesazhe të raportuesit për raportim në orë
admin-limit-max-files = Skedarë për raportim ose mesazh
admin-limit-max-file-mb = Skedari më i madh (MiB)
admin-limit-evidence-mb-per-day = Prova në ditë (MiB)
admin-limit-pow-bits = Dëshmi pune (bitë zero)
admin-limit-nojs-delay-secs = Pritja pa skript (sekonda)
admin-limit-threshold = Numri më i vogël që publikohet
