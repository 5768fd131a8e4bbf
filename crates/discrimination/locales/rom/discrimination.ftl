# Romani of Kosovo (Latin script): the public pages of discrimination reports; every message awaits review by a Romani speaker.

# review: rom
invalid-when-required = phen o dives, vaj pašal kana ačhilo

# review: rom
invalid-ground-required = alosar barem jekh osnova (vaj aver)

# review: rom
invalid-not-a-phone = '{ $value }' nane telefonosko numero

# review: rom
invalid-not-an-email = '{ $value }' nane e-mail adresa

# review: rom
invalid-too-many-files = jekhvareste šaj bičhalpe najbut { $max } fajlura

# review: rom
invalid-evidence-too-large = jekh fajlo šaj te avel najbut { $mib } MiB

# review: rom
invalid-evidence-type = o fajlo si { $found }; lelpe samo fotografije thaj skenirime dokumentija (PDF, PNG, JPEG, WebP, TIFF)

# review: rom
invalid-evidence-full = adjes na šaj lelpe majbut fajlura; bičhal tire lafura bi fajlurengo, thaj dodajin len majpalal e kodosa e prijavako

# review: rom
invalid-form-expired = o formulari nakhlo vaj paruvdilo; phrav i stranica palem thaj bičhal les palem

# review: rom
invalid-not-a-person = o formulari na pherdilo sar pherela les jekh manuš

# review: rom
invalid-code-format = o kodo e prijavako isi les 16 cifre

# review: rom
invalid-no-such-code = nijekh prijava nane la kava kodo; dikh palem e cifre

# review: rom
invalid-not-a-body = i agencija { $id } na lel prijave vaš diskriminacija

# review: rom
invalid-reporter-consent-required = trebul i saglasnost e manušeski savo kerdža i prijava
# review: rom
invalid-period-reversed = o vakti valjanol te agorisarel ko pehlo dive vaj palo leste (dji { $to })

# review: rom
refusal-discrimination-closed = Kaja prijava si phandli: na šaj majbut te dodajinenpe poruke. Šaj bičhales nevi prijava.

# review: rom
report-form-title = Phen diskriminacija

# review: rom
report-form-lead = Kerde li tusa majbilačhe vaš kodova ko san: vaš tiro komuniteti, čhib, pol, religija, sastipe vaj aver osnova? Phen amenge so ačhilo. Na trebul te phenes tiro anav.

# review: rom
report-safe = Tiri prijava džal samo ki institucija savi šaj kerel vareso vaš late. Ka les jekh kodo te dikhes sar džal thaj te des odgovori ko pučipa, bi akaunto.

# review: rom
report-errors = Dikh kala polja:

# review: rom
report-unavailable = Akate pana na šaj lelpe prijave: pana nane nijekh institucija savi kerel buti lencar. Kontaktir direktno i Institucija e Ombudspersonesko.

# review: rom
report-field-description = So ačhilo?

# review: rom
report-description-hint = Tire lafencar: ko so kerdža, thaj so phendilo.

# review: rom
report-when = Kana ačhilo?

# review: rom
report-field-happened_on = O dives, te džanes les

# review: rom
report-field-happened_period = Vaj pašal kana

# review: rom
report-field-municipality = Komuna

# review: rom
report-field-place = O than (sar jekh škola, jekh kancelarija, jekh ulica)

# review: rom
report-field-area = Kaj ano dživdipe ačhilo?

# review: rom
report-field-grounds = Soske mislis kaj kerde tusa kade?

# review: rom
report-field-perpetrator = Ko kerdža?

# review: rom
report-field-reporter_role = Tu san

# review: rom
report-field-files = Fotografije vaj skenirime dokumentija (te kames)

# review: rom
report-files-hint = Dži { $max } fajlura, sako najbut { $mib } MiB: PDF, PNG, JPEG, WebP vaj TIFF.

# review: rom
report-contact = Sar šaj te resas dži tute? (te kames)

# review: rom
report-contact-hint = Muk kala polja čuče te ačhes anonimno. Sa jekh šaj drabares e odgovorija e kodosa e prijavako.

# review: rom
report-field-contact_name = Tiro anav

# review: rom
report-field-contact_phone = Telefoni

# review: rom
report-field-contact_email = E-mail

# review: rom
report-field-community = Tiro komuniteti (te kames)

# review: rom
report-community-not-said = Na kamav te phenav

# review: rom
report-field-code = O kodo e prijavako

# review: rom
report-field-challenge = O formulari

# review: rom
report-field-website = O formulari

# review: rom
report-field-body = Poruka

# review: rom
report-field-language = Čhib

# review: rom
report-noscript = Bi JavaScriptesko, o bičhalipe lel nekobor sekunde majbut.

# review: rom
report-send = Bičhal i prijava

# review: rom
report-submitted-title = Tiri prijava resli

# review: rom
report-submitted-lead = Najis tuće. Tiri prijava resli thaj džal ko: { $body }.

# review: rom
report-code-heading = Tiro kodo e prijavako

# review: rom
report-code-keep = Ramosar kava kodo vaj garav les sar jekh telefonosko numero. Sikavelpe samo jekhvar: khonik, ni e zaposlenja, na šaj te dikhel les palem.

# review: rom
report-ack-due = Jekh manuš ka potvrdinel kaj lilja tiri prijava dži { $day }.

# review: rom
report-limited-title = Užar

# review: rom
report-limited = But prijave vaj rodipa avile katar kaja veza. Zumav palem pale { $minutes } minute.

# review: rom
follow-link = Dikh sar džal jekh prijava e kodosa e prijavako

# review: rom
follow-title = Dikh sar džal tiri prijava

# review: rom
follow-lead = Ramosar o kodo e prijavako le 16 cifrencar savo lijan. Šaj drabares e odgovorija thaj te ramos palpale.

# review: rom
follow-open = Phrav i prijava

# review: rom
status-title = Tiri prijava

# review: rom
status-sent = Tiri poruka bičhaldili.

# review: rom
status-status = Statuso

# review: rom
status-body = Kerel buti pe late

# review: rom
status-submitted = Resli

# review: rom
status-outcome = Rezultato

# review: rom
status-your-report = So phendan

# review: rom
status-files = Fajlura

# review: rom
status-messages = Poruke

# review: rom
status-from-you = Tu

# review: rom
status-from-drom = Drom

# review: rom
status-question = jekh pučipe tuće

# review: rom
status-auto-ack = Tiri prijava resli. Jekh manuš ka potvrdinel la sigo.

# review: rom
status-acknowledged = Tiri prijava potvrdindili thaj dikhelpe.

# review: rom
status-closed = Kaja prijava si phandli.

# review: rom
status-write = Ramos ki institucija savi kerel buti pe tiri prijava

# review: rom
status-message = Poruka

# review: rom
status-send = Bičhal

# review: rom
status-refresh = Dikh palem
# review: rom
status-files-hint = Dji { $max } fajlura: PDF, PNG, JPEG, WebP vaj TIFF.

# review: rom
discrimination-status-received = resli

# review: rom
discrimination-status-acknowledged = potvrdime

# review: rom
discrimination-status-awaiting-reporter = užarelpe tiro odgovori

# review: rom
discrimination-status-closed = phandli

# review: rom
discrimination-period-last-week = ano palutno kurko

# review: rom
discrimination-period-last-month = ano palutno čhon

# review: rom
discrimination-period-last-six-months = ano palutne šov čhon

# review: rom
discrimination-period-last-year = ano palutno berš

# review: rom
discrimination-period-earlier = majbut sar jekh berš palal

# review: rom
discrimination-area-employment = buti thaj zapošljavanje

# review: rom
discrimination-area-education = sikljovipe

# review: rom
discrimination-area-health-care = sastipe

# review: rom
discrimination-area-housing = bešipe thaj kher

# review: rom
discrimination-area-social-assistance = socijalno pomoć

# review: rom
discrimination-area-public-services = publikane servisura thaj dokumentija

# review: rom
discrimination-area-police-justice = policija thaj kris

# review: rom
discrimination-area-goods-services = dućanja thaj servisura

# review: rom
discrimination-area-other = aver

# review: rom
discrimination-ground-nationality = nacionalnost vaj phandipe jekhe komunitetesa

# review: rom
discrimination-ground-national-social-origin = nacionalno vaj socijalno poreklo

# review: rom
discrimination-ground-race = rasa

# review: rom
discrimination-ground-ethnicity = etnikano phandipe

# review: rom
discrimination-ground-colour = boja e morćaki

# review: rom
discrimination-ground-birth = bijandipe

# review: rom
discrimination-ground-origin = poreklo

# review: rom
discrimination-ground-sex = pol

# review: rom
discrimination-ground-gender = rodo

# review: rom
discrimination-ground-gender-identity = rodno identiteto

# review: rom
discrimination-ground-sexual-orientation = seksualno orijentacija

# review: rom
discrimination-ground-language = čhib

# review: rom
discrimination-ground-citizenship = državljanstvo

# review: rom
discrimination-ground-religion = religija vaj pakjavipe

# review: rom
discrimination-ground-political-opinion = političko vaj aver mišljenje

# review: rom
discrimination-ground-social-status = socijalno vaj lično statuso

# review: rom
discrimination-ground-age = berša

# review: rom
discrimination-ground-family-status = familijako vaj bijavesko statuso

# review: rom
discrimination-ground-pregnancy = khamnipe vaj dajipe

# review: rom
discrimination-ground-wealth = barvalipe

# review: rom
discrimination-ground-health-status = sastipe

# review: rom
discrimination-ground-disability = invaliditeto

# review: rom
discrimination-ground-genetic-inheritance = genetikano nasledstvo

# review: rom
discrimination-ground-other = aver

# review: rom
discrimination-perpetrator-public-institution = jekh publikani institucija

# review: rom
discrimination-perpetrator-private-person = jekh privatno manuš vaj firma

# review: rom
discrimination-perpetrator-unknown = na džanav

# review: rom
discrimination-role-victim = o manuš kaske ačhilo

# review: rom
discrimination-role-witness = jekh svedoko

# review: rom
discrimination-role-on-behalf = phenav vaš aver manuš

# review: rom
discrimination-outcome-recommendation-issued = dindili preporuka

# review: rom
discrimination-outcome-resolved-by-mediation = rešime medijacijasa

# review: rom
discrimination-outcome-referred-to-court = bičhaldi ki kris vaj ko tužilaštvo

# review: rom
discrimination-outcome-referred-to-other-body = bičhaldi ki aver institucija

# review: rom
discrimination-outcome-inadmissible = na šaj lelpe

# review: rom
discrimination-outcome-withdrawn = lindili palpale

# review: rom
stats-title = Prijave vaš diskriminacija ano numere

# review: rom
stats-lead = Prijave save resle katar { $from } dži { $to }. Numere tikneder sar { $threshold } garavdžon, thaj jekh numero majbut svako than kaj jekh garavdo numero šaj te džanelpe katar o total.

# review: rom
stats-from = Katar

# review: rom
stats-to = Dži

# review: rom
stats-show = Sikav

# review: rom
stats-total = Prijave

# review: rom
stats-median-ack = Medijana e divesengi dži ko potvrdipe

# review: rom
stats-median-outcome = Medijana e divesengi dži ko rezultato

# review: rom
stats-dimension-ground = Palo osnove

# review: rom
stats-dimension-area = Palo than ano dživdipe

# review: rom
stats-dimension-municipality = Palo komune

# review: rom
stats-dimension-body = Palo institucije

# review: rom
stats-dimension-outcome = Palo rezultatija

# review: rom
stats-dimension-month = Palo čhona

# review: rom
stats-dimension-community = Palo komuniteti e manušesko savo kerdža i prijava

# review: rom
stats-none = Nane ano kava vrama.

# review: rom
stats-reports = Prijave

# review: rom
stats-hidden = garavdo

# review: rom
stats-hidden-note = Jekh prijava šaj te phenel nekobor osnove, zato e osnove khetane si majbut sar e prijave.

# review: rom
stats-open = pana phravdi

# review: rom
stats-not-said = na phendilo
