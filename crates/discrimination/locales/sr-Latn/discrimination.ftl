# Serbian (Latin script): discrimination reports: the public form, following a report, the statistics, a body's pages.

invalid-when-required = navedite dan ili otprilike kada se to dogodilo
invalid-ground-required = izaberite bar jedan osnov (ili drugo)
invalid-not-a-phone = '{ $value }' nije broj telefona
invalid-not-an-email = '{ $value }' nije adresa e-pošte
invalid-too-many-files = odjednom se može poslati najviše { $max } datoteka
invalid-evidence-too-large = datoteka može imati najviše { $mib } MiB
invalid-evidence-type = datoteka je { $found }; prihvataju se samo fotografije i skenovi (PDF, PNG, JPEG, WebP, TIFF)
invalid-evidence-full = danas se više ne mogu primati datoteke; pošaljite svoje reči bez datoteka, a datoteke dodajte kasnije pomoću koda za praćenje
invalid-form-expired = obrazac je istekao ili je izmenjen; ponovo učitajte stranicu i pošaljite ga još jednom
invalid-not-a-person = obrazac nije popunjen onako kako bi ga popunila osoba
invalid-code-format = kod za praćenje ima 16 cifara
invalid-no-such-code = nijedna prijava nema ovaj kod za praćenje; proverite cifre
invalid-not-a-body = agencija { $id } ne prima prijave diskriminacije
invalid-reporter-consent-required = potrebna je saglasnost podnosioca prijave
invalid-period-reversed = period mora da se završi na svoj prvi dan ili posle njega (do { $to })

refusal-discrimination-closed = Ova prijava je zatvorena: poruke se više ne mogu dodavati. Možete podneti novu prijavu.
refusal-discrimination-acknowledged = Prijem ove prijave je već potvrđen.
refusal-discrimination-person-exists = Na osnovu ove prijave već je upisana osoba (osoba { $person }).
refusal-discrimination-erased = Lični podaci ove prijave izbrisani su na kraju perioda čuvanja.

home-discrimination = Prijave diskriminacije
home-discrimination-overdue = { $count ->
    [one] prijava diskriminacije čiji prijem nije potvrđen u roku
    [few] prijave diskriminacije čiji prijem nije potvrđen u roku
   *[other] prijava diskriminacije čiji prijem nije potvrđen u roku
}

report-form-title = Prijavite diskriminaciju
report-form-lead = Da li se prema vama postupalo lošije zbog toga ko ste: zbog vaše zajednice, jezika, pola, vere, zdravlja ili nekog drugog osnova? Recite nam šta se dogodilo. Ne morate da navedete svoje ime.
report-safe = Vaša prijava ide samo instituciji koja po njoj može da postupi. Dobićete kod za praćenje pomoću kojeg je pratite i odgovarate na pitanja, bez naloga.
report-errors = Proverite ova polja:
report-unavailable = Prijave se ovde još ne mogu primati: nije podešena nijedna institucija koja ih obrađuje. Obratite se direktno Instituciji Ombudsmana.
report-field-description = Šta se dogodilo?
report-description-hint = Svojim rečima: ko je šta uradio i šta je rečeno.
report-when = Kada se to dogodilo?
report-field-happened_on = Dan, ako ga znate
report-field-happened_period = Ili otprilike kada
report-field-municipality = Opština
report-field-place = Mesto (na primer škola, kancelarija, ulica)
report-field-area = U kojoj oblasti života se to dogodilo?
report-field-grounds = Zašto mislite da se prema vama tako postupalo?
report-field-perpetrator = Ko je to učinio?
report-field-reporter_role = Vi ste
report-field-files = Fotografije ili skenovi (nije obavezno)
report-files-hint = Najviše { $max } datoteka, svaka do { $mib } MiB: PDF, PNG, JPEG, WebP ili TIFF.
report-contact = Kako možemo da vas kontaktiramo? (nije obavezno)
report-contact-hint = Ostavite ova polja prazna ako želite da ostanete anonimni. Odgovore i dalje možete čitati pomoću koda za praćenje.
report-field-contact_name = Vaše ime
report-field-contact_phone = Telefon
report-field-contact_email = E-pošta
report-field-community = Vaša zajednica (nije obavezno)
report-community-not-said = Ne želim da se izjasnim
report-field-code = Kod za praćenje
report-field-challenge = Obrazac
report-field-website = Obrazac
report-field-body = Poruka
report-field-language = Jezik
report-noscript = Bez JavaScripta slanje traje nekoliko sekundi duže.
report-send = Pošaljite prijavu
report-anonymous = anonimno
report-withheld = skriveno (potrebna je dozvola za posebne kategorije podataka)

report-submitted-title = Vaša prijava je primljena
report-submitted-lead = Hvala vam. Vaša prijava je primljena i upućena je: { $body }.
report-code-heading = Vaš kod za praćenje
report-code-keep = Zapišite ovaj kod ili ga sačuvajte kao broj telefona. Prikazuje se samo jednom: niko, pa ni zaposleni, ne može ponovo da ga vidi.
report-ack-due = Službenik će potvrditi prijem vaše prijave do { $day }.
report-limited-title = Sačekajte
report-limited = Sa ove veze stiglo je previše prijava ili pretraga. Pokušajte ponovo za { $minutes } minuta.

follow-link = Pratite prijavu pomoću koda za praćenje
follow-title = Pratite svoju prijavu
follow-lead = Unesite šesnaestocifreni kod za praćenje koji ste dobili. Možete čitati odgovore i odgovoriti.
follow-open = Otvorite prijavu

status-title = Vaša prijava
status-sent = Vaša poruka je poslata.
status-status = Status
status-body = Obrađuje
status-submitted = Primljena
status-outcome = Ishod
status-your-report = Šta ste prijavili
status-files = Datoteke
status-messages = Poruke
status-from-you = Vi
status-from-drom = Drom
status-question = pitanje za vas
status-auto-ack = Vaša prijava je primljena. Službenik će uskoro potvrditi prijem.
status-acknowledged = Prijem vaše prijave je potvrđen i prijava se razmatra.
status-closed = Ova prijava je zatvorena.
status-write = Pišite instituciji koja obrađuje vašu prijavu
status-message = Poruka
status-send = Pošalji
status-refresh = Proverite ponovo
status-files-hint = Do { $max } datoteka: PDF, PNG, JPEG, WebP ili TIFF.

discrimination-status-received = primljena
discrimination-status-acknowledged = prijem potvrđen
discrimination-status-awaiting-reporter = čeka se vaš odgovor
discrimination-status-closed = zatvorena

discrimination-period-last-week = u poslednjih nedelju dana
discrimination-period-last-month = u poslednjih mesec dana
discrimination-period-last-six-months = u poslednjih šest meseci
discrimination-period-last-year = u poslednjih godinu dana
discrimination-period-earlier = pre više od godinu dana

discrimination-area-employment = rad i zapošljavanje
discrimination-area-education = obrazovanje
discrimination-area-health-care = zdravstvena zaštita
discrimination-area-housing = stanovanje
discrimination-area-social-assistance = socijalna pomoć
discrimination-area-public-services = javne usluge i dokumenta
discrimination-area-police-justice = policija i pravosuđe
discrimination-area-goods-services = prodavnice i usluge
discrimination-area-other = drugo

discrimination-ground-nationality = nacionalnost ili veza sa nekom zajednicom
discrimination-ground-national-social-origin = nacionalno ili socijalno poreklo
discrimination-ground-race = rasa
discrimination-ground-ethnicity = etnička pripadnost
discrimination-ground-colour = boja kože
discrimination-ground-birth = rođenje
discrimination-ground-origin = poreklo
discrimination-ground-sex = pol
discrimination-ground-gender = rod
discrimination-ground-gender-identity = rodni identitet
discrimination-ground-sexual-orientation = seksualna orijentacija
discrimination-ground-language = jezik
discrimination-ground-citizenship = državljanstvo
discrimination-ground-religion = vera ili uverenje
discrimination-ground-political-opinion = političko ili drugo mišljenje
discrimination-ground-social-status = socijalni ili lični status
discrimination-ground-age = starost
discrimination-ground-family-status = porodični ili bračni status
discrimination-ground-pregnancy = trudnoća ili materinstvo
discrimination-ground-wealth = imovinsko stanje
discrimination-ground-health-status = zdravstveno stanje
discrimination-ground-disability = invaliditet
discrimination-ground-genetic-inheritance = genetsko nasleđe
discrimination-ground-other = drugo

discrimination-perpetrator-public-institution = javna institucija
discrimination-perpetrator-private-person = privatno lice ili preduzeće
discrimination-perpetrator-unknown = ne znam

discrimination-role-victim = osoba kojoj se to dogodilo
discrimination-role-witness = svedok
discrimination-role-on-behalf = prijavljujem u ime nekog drugog

discrimination-outcome-recommendation-issued = izdata preporuka
discrimination-outcome-resolved-by-mediation = rešena posredovanjem
discrimination-outcome-referred-to-court = upućena sudu ili tužilaštvu
discrimination-outcome-referred-to-other-body = upućena drugoj instituciji
discrimination-outcome-inadmissible = neprihvatljiva
discrimination-outcome-withdrawn = povučena

discrimination-author-reporter = podnosilac prijave
discrimination-author-staff = zaposleni
discrimination-author-system = Drom

discrimination-event-submitted = primljena
discrimination-event-acknowledged = prijem potvrđen
discrimination-event-information-requested = zatražene informacije
discrimination-event-answered = podnosilac prijave je odgovorio
discrimination-event-transferred = prosleđena
discrimination-event-closed = zatvorena
discrimination-event-registered = podnosilac prijave upisan kao osoba
discrimination-event-erased = lični podaci izbrisani

discrimination-activity-meeting = javni informativni sastanak
discrimination-activity-training = obuka službenika
discrimination-activity-round-table = okrugli sto

discrimination-body-municipal-unit = Opštinska jedinica za ljudska prava
discrimination-body-ombudsperson = Institucija Ombudsmana
discrimination-body-good-governance = Kancelarija za dobro upravljanje
discrimination-body-gender-equality = Agencija za ravnopravnost polova
discrimination-body-police = Policija

stats-title = Prijave diskriminacije u brojkama
stats-lead = Prijave primljene od { $from } do { $to }. Brojevi manji od { $threshold } su skriveni, kao i još po jedan broj svuda gde bi se skriveni broj mogao izračunati iz ukupnog zbira.
stats-from = Od
stats-to = Do
stats-show = Prikaži
stats-total = Prijave
stats-median-ack = Medijana broja dana do potvrde prijema
stats-median-outcome = Medijana broja dana do ishoda
stats-dimension-ground = Po osnovu
stats-dimension-area = Po oblasti života
stats-dimension-municipality = Po opštini
stats-dimension-body = Po instituciji
stats-dimension-outcome = Po ishodu
stats-dimension-month = Po mesecu
stats-dimension-community = Po zajednici podnosioca prijave
stats-none = Nema ih u ovom periodu.
stats-reports = Prijave
stats-hidden = skriveno
stats-hidden-note = Jedna prijava može da navede više osnova, pa je zbir po osnovima veći od broja prijava.
stats-open = još otvorena
stats-not-said = nije navedeno

reports-title = Prijave diskriminacije
reports-all = Sve
reports-overdue = Prijem nije potvrđen na vreme
reports-none = Nema prijava.
reports-number = Broj
reports-ack-due = Potvrditi do
reports-overdue-mark = rok istekao

report-page-title = Prijava { $id }
report-routing = Predlog pravila za usmeravanje
report-routing-confirmed = potvrđeno
report-person = Upisana osoba
report-person-record = zapis osobe
report-erase-after = Lični podaci se brišu posle
report-erased = Lični podaci ove prijave su izbrisani; njene kodirane činjenice ostaju za statistiku.
report-acknowledge = Potvrdi prijem
report-ack-message = Poruka podnosiocu prijave (nije obavezno)
report-write = Piši podnosiocu prijave
report-question = Ovo je pitanje: sačekaj odgovor podnosioca prijave
report-close = Zatvori odlukom
report-decision = Odluka (šalje se podnosiocu prijave)
report-reason = Obrazloženje
report-transfer = Prosledi drugoj instituciji
report-transfer-to = Institucija
report-to-person = Upiši podnosioca prijave kao osobu
report-given-name = Ime
report-family-name = Prezime
report-sex = Pol
report-consent-on = Saglasnost data
report-consent = Podnosilac prijave je pristao da bude upisan
report-history = Istorija
report-history-when = Kada
report-history-what = Šta
report-history-who = Ko

outreach-title = Rad sa zajednicom
outreach-saved = Aktivnost je zabeležena.
outreach-summary = U ovom periodu
outreach-participants = Učesnici
outreach-activities = Aktivnosti
outreach-held-on = Dan
outreach-kind = Vrsta
outreach-topic = Tema
outreach-organiser = Organizator
outreach-institutions = Prisutne institucije
outreach-follow-up = Dalje aktivnosti
outreach-record = Zabeleži aktivnost

admin-discrimination-title = Prijave diskriminacije: institucije i ograničenja
admin-bodies = Institucije koje primaju prijave
admin-no-bodies = Nijedna agencija još ne prima prijave: javni obrazac to navodi dok neka ne bude određena.
admin-agency = Agencija
admin-body-kind = Vrsta
admin-ack-days = Dana za potvrdu prijema
admin-retention-days = Dana čuvanja posle zatvaranja
admin-active = Prima prijave
admin-set-body = Odredi agenciju kao instituciju
admin-save = Sačuvaj
admin-limits = Ograničenja javnog obrasca
admin-limit-per-address-per-hour = Prijava po adresi na sat
admin-limit-per-hour = Prijava na sat od svih
admin-limit-lookups-per-address-per-hour = Pretraga kodova za praćenje po adresi na sat
admin-limit-messages-per-report-per-hour = Poruka podnosioca po prijavi na sat
admin-limit-max-files = Datoteka po prijavi ili poruci
admin-limit-max-file-mb = Najveća datoteka (MiB)
admin-limit-evidence-mb-per-day = Dokaza dnevno (MiB)
admin-limit-pow-bits = Dokaz rada (nultih bitova)
admin-limit-nojs-delay-secs = Čekanje bez skripte (sekunde)
admin-limit-threshold = Najmanji broj koji se objavljuje
