# Upućivanja: upućivanja zatvorenog kruga uz pristanak, i sesije Centra za usluge migrantima.

invalid-outcome-required = potrebno je za završetak upućivanja: usluge koje su zaista pružene
invalid-not-in-consent = pristanak ne navodi { $field }
invalid-due-in-past = { $day } je u prošlosti
invalid-consent-required = potreban je pristanak osobe na deljenje podataka
invalid-referral-service-inactive = usluga ne prima upućivanja (njen status je { $status })
invalid-no-service = u imeniku nema usluge { $id }
invalid-no-receiver = pružalac usluge ne prima upućivanja preko Droma
invalid-not-a-uuid = '{ $value }' nije UUID
invalid-wire-version = verzija poruke { $version } nije razumljiva

refusal-referral-step = { $side } ne može da prebaci upućivanje iz { $from } u { $to }
refusal-referral-consent-withdrawn = osoba { $id } je povukla pristanak: prvo zabeležite novi pristanak
refusal-referral-case-not-accepted = samo prihvaćeno upućivanje postaje slučaj (ovo je { $status })
refusal-referral-case-exists = ovo upućivanje je već slučaj (osoba { $person })
refusal-referral-uid-taken = drugi server je poslao upućivanje sa oznakom { $uid }

task-rule-referral-overdue = Upućivanje za { $service } bez odgovora od { $due }

referral-status-draft = nacrt
referral-status-requested = zatraženo
referral-status-accepted = prihvaćeno
referral-status-rejected = odbijeno
referral-status-in-progress = u toku
referral-status-on-hold = na čekanju
referral-status-failed = neuspešno
referral-status-completed = završeno
referral-status-cancelled = otkazano
referral-status-entered-in-error = uneto greškom
referral-side-sender = pošiljalac
referral-side-receiver = primalac

home-referrals-overdue-sent = { $count ->
    [one] poslato upućivanje bez odgovora do roka
    [few] poslata upućivanja bez odgovora do roka
   *[other] poslatih upućivanja bez odgovora do roka
}
home-referrals-overdue-received = { $count ->
    [one] primljeno upućivanje bez odgovora do roka
    [few] primljena upućivanja bez odgovora do roka
   *[other] primljenih upućivanja bez odgovora do roka
}

# Pages
referrals-title = Upućivanja
referrals-boxes = Sandučići upućivanja
referrals-sent = Poslata
referrals-received = Primljena
referrals-overdue = Zakasnela
referrals-none = Nema upućivanja.
referrals-person = Osoba
referrals-from = Od
referrals-service = Usluga
referrals-need = Potreba
referrals-status = Status
referrals-due = Rok za odgovor
referrals-withdrawn = pristanak povučen
referrals-no-name = ime nije podeljeno
referrals-overdue-mark = rok je prošao
referral-title = Upućivanje
referral-reason = Razlog
referral-outcome = Ishod: usluge koje su zaista pružene
referral-person-record = zapis osobe
referral-own-case = Naš slučaj
referral-shared = Šta je podeljeno
referral-special-withheld = Vrednosti posebnih kategorija nisu prikazane: nemate tu dozvolu.
referral-consent-withdrawn = Osoba je povukla pristanak: ništa podeljeno se ne čuva.
referral-consent = Pristanak na deljenje
referral-consent-fields = Pristanak obuhvata
referral-change = Promeni status
referral-save = Sačuvaj
referral-make-case = Napravi naš slučaj
referral-revoke = Opozovi upućivanje
referral-history = Istorija
referral-when = Kada
referral-who = Ko
referral-new-title = Novo upućivanje
referral-need-text = Potreba vašim rečima
referral-consent-given = Osoba (ili staratelj) pristaje da se dele polja ispod
referral-given-by = Dao/la
referral-guardian-name = Ime staratelja
referral-given-on = Dato dana
referral-language = Jezik (sq, sr, rom, ...)
referral-means = Kako
referral-fields = Podeli ova polja
referral-keep-draft = Sačuvaj kao nacrt
referral-send = Pošalji upućivanje
referral-refused = Nije urađeno
referral-back = Nazad
referral-refer = Uputi na uslugu
referral-withdraw-reason = Zašto osoba povlači pristanak (neobavezno)
referral-withdraw = Povuci pristanak na deljenje
referral-field-name = ime
referral-field-date-of-birth = datum rođenja
referral-field-sex = pol
referral-field-phone = telefon
referral-field-languages = jezici
referral-field-municipality = opština
referral-field-need = potreba rečima
referral-field-vulnerabilities = ranjivosti (posebna kategorija)
referral-field-community = zajednica (posebna kategorija)
referral-giver-person = osoba
referral-giver-guardian = staratelj
referral-means-spoken = usmeno
referral-means-signed-paper = potpisan papir
referral-means-electronic = elektronski
referral-means-interpreted = preko prevodioca
referral-need-employment = zapošljavanje
referral-need-vocational-training = stručna obuka
referral-need-business-support = podrška biznisu i mikrograntovi
referral-need-housing = stanovanje
referral-need-health = zdravlje
referral-need-mental-health = mentalno zdravlje
referral-need-education = obrazovanje i školarine
referral-need-social-assistance = socijalna pomoć
referral-need-legal-aid = pravna pomoć
referral-need-civil-documents = civilna registracija i dokumenta
referral-need-counter-trafficking = borba protiv trgovine ljudima
referral-need-discrimination-complaints = pritužbe na diskriminaciju
referral-need-child-protection = zaštita dece
referral-need-interpretation = prevođenje
referral-need-migration-information = informacije o migraciji
referral-need-return-reintegration = povratak i reintegracija

# Migrant Service Centre
msc-title = Sesije Centra za usluge migrantima
msc-saved = Sesija je zabeležena.
msc-topic = Tema
msc-person-id = Broj registrovane osobe (ostavite prazno za anonimnog posetioca)
msc-anonymous = Anonimni posetilac
msc-anonymous-short = anonimno
msc-registered = registrovana osoba
msc-sex = Pol
msc-age-group = Starosna grupa
msc-municipality = Opština
msc-outcome = Ishod
msc-held-on = Dan
msc-note = Beleška
msc-record = Zabeleži sesiju
msc-latest = Poslednje sesije
msc-none = Još nema sesija.
msc-who = Ko
msc-topic-legal-migration = legalna migracija i vize
msc-topic-work-abroad = rad u inostranstvu i priznavanje kvalifikacija
msc-topic-irregular-migration-risks = rizici neregularne migracije i trgovine ljudima
msc-topic-voluntary-return = dobrovoljni povratak i reintegracija
msc-topic-services-in-kosovo = usluge na Kosovu
msc-age-under-18 = ispod 18
msc-age-18-24 = 18 do 24
msc-age-25-34 = 25 do 34
msc-age-35-49 = 35 do 49
msc-age-50-plus = 50 i više
msc-outcome-informed = informisan
msc-outcome-advised = savetovan
msc-outcome-referred = upućen na uslugu
msc-outcome-follow-up = dogovoreno praćenje

# Report
report-referrals-title = Izveštaj o upućivanjima
report-referrals-from = Od
report-referrals-to = Do
report-referrals-show = Prikaži
report-referrals-outcome-share = Zatvorena upućivanja završena sa ishodom
report-referrals-median-acceptance = Medijana dana do prihvatanja
report-referrals-median-completion = Medijana dana do završetka
report-referrals-suppressed = Brojevi ispod praga malih ćelija su skriveni (–).
report-referrals-none = Nijedno u ovom periodu.
report-referrals-by-need = Upućivanja po potrebi
report-referrals-by-service = Upućivanja po usluzi
report-referrals-by-municipality = Upućivanja po opštini
report-referrals-by-status = Upućivanja po statusu
report-referrals-by-session-topic = Sesije po temi
report-referrals-by-session-sex = Sesije po polu
report-referrals-by-session-age-group = Sesije po starosnoj grupi
report-referrals-by-session-municipality = Sesije po opštini
