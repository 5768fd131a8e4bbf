# Referimet: referime me rreth të mbyllur dhe me pëlqim, dhe seancat e Qendrës për Shërbime Migrantëve.

invalid-outcome-required = kërkohet për të përfunduar një referim: shërbimet e dhëna në të vërtetë
invalid-not-in-consent = pëlqimi nuk e përmend { $field }
invalid-due-in-past = { $day } është në të kaluarën
invalid-consent-required = kërkohet pëlqimi i personit për ndarjen e të dhënave
invalid-referral-service-inactive = shërbimi nuk pranon referime (statusi i tij është { $status })
invalid-no-service = nuk ka shërbim { $id } në regjistër
invalid-no-receiver = ofruesi i shërbimit nuk pranon referime përmes Drom
invalid-not-a-uuid = '{ $value }' nuk është UUID
invalid-wire-version = versioni { $version } i mesazhit nuk kuptohet

refusal-referral-step = { $side } nuk mund ta kalojë një referim nga { $from } në { $to }
refusal-referral-consent-withdrawn = personi { $id } e tërhoqi pëlqimin: regjistroni së pari një pëlqim të ri
refusal-referral-case-not-accepted = vetëm një referim i pranuar bëhet rast (ky është { $status })
refusal-referral-case-exists = ky referim është tashmë rast (personi { $person })
refusal-referral-uid-taken = një server tjetër dërgoi një referim me identifikuesin { $uid }

task-rule-referral-overdue = Referimi te { $service } pa përgjigje që nga { $due }

referral-status-draft = skicë
referral-status-requested = i kërkuar
referral-status-accepted = i pranuar
referral-status-rejected = i refuzuar
referral-status-in-progress = në vazhdim
referral-status-on-hold = i pezulluar
referral-status-failed = i dështuar
referral-status-completed = i përfunduar
referral-status-cancelled = i anuluar
referral-status-entered-in-error = i futur gabimisht
referral-side-sender = dërguesi
referral-side-receiver = marrësi

home-referrals-overdue-sent = { $count ->
    [one] referim i dërguar pa përgjigje deri në afat
   *[other] referime të dërguara pa përgjigje deri në afat
}
home-referrals-overdue-received = { $count ->
    [one] referim i marrë pa përgjigje deri në afat
   *[other] referime të marra pa përgjigje deri në afat
}

# Pages
referrals-title = Referimet
referrals-boxes = Kutitë e referimeve
referrals-sent = Të dërguara
referrals-received = Të marra
referrals-overdue = Me afat të kaluar
referrals-none = Nuk ka referime.
referrals-person = Personi
referrals-from = Nga
referrals-service = Shërbimi
referrals-need = Nevoja
referrals-status = Statusi
referrals-due = Afati i përgjigjes
referrals-withdrawn = pëlqimi u tërhoq
referrals-no-name = emri nuk u nda
referrals-overdue-mark = afati ka kaluar
referral-title = Referim
referral-reason = Arsyeja
referral-outcome = Rezultati: shërbimet e dhëna në të vërtetë
referral-person-record = të dhënat e personit
referral-own-case = Rasti ynë
referral-shared = Çfarë u nda
referral-special-withheld = Vlerat e kategorive të veçanta nuk shfaqen: nuk e keni atë leje.
referral-consent-withdrawn = Personi e tërhoqi pëlqimin: asgjë e ndarë nuk ruhet.
referral-consent = Pëlqimi për ndarje
referral-consent-fields = Pëlqimi përfshin
referral-change = Ndrysho statusin
referral-save = Ruaj
referral-make-case = Bëje rast tonin
referral-revoke = Revoko referimin
referral-history = Historia
referral-when = Kur
referral-who = Kush
referral-new-title = Referim i ri
referral-need-text = Nevoja me fjalët tuaja
referral-consent-given = Personi (ose kujdestari) pajtohet të ndahen fushat më poshtë
referral-given-by = Dhënë nga
referral-guardian-name = Emri i kujdestarit
referral-given-on = Dhënë më
referral-language = Gjuha (sq, sr, rom, ...)
referral-means = Si
referral-fields = Ndaj këto fusha
referral-keep-draft = Ruaje si skicë
referral-send = Dërgo referimin
referral-refused = Nuk u krye
referral-back = Kthehu
referral-refer = Referoje te një shërbim
referral-withdraw-reason = Pse personi e tërheq pëlqimin (opsionale)
referral-withdraw = Tërhiq pëlqimin për ndarje
referral-field-name = emri
referral-field-date-of-birth = data e lindjes
referral-field-sex = gjinia
referral-field-phone = telefoni
referral-field-languages = gjuhët
referral-field-municipality = komuna
referral-field-need = nevoja me fjalë
referral-field-vulnerabilities = cenueshmëritë (kategori e veçantë)
referral-field-community = komuniteti (kategori e veçantë)
referral-giver-person = personi
referral-giver-guardian = një kujdestar
referral-means-spoken = me gojë
referral-means-signed-paper = letër e nënshkruar
referral-means-electronic = elektronike
referral-means-interpreted = përmes përkthyesit
referral-need-employment = punësim
referral-need-vocational-training = aftësim profesional
referral-need-business-support = mbështetje biznesi dhe mikro-grante
referral-need-housing = strehim
referral-need-health = shëndet
referral-need-mental-health = shëndet mendor
referral-need-education = arsim dhe tarifa shkollore
referral-need-social-assistance = ndihmë sociale
referral-need-legal-aid = ndihmë juridike
referral-need-civil-documents = regjistrim civil dhe dokumente
referral-need-counter-trafficking = kundër trafikimit
referral-need-discrimination-complaints = ankesa për diskriminim
referral-need-child-protection = mbrojtje e fëmijëve
referral-need-interpretation = përkthim
referral-need-migration-information = informim për migrim
referral-need-return-reintegration = kthim dhe riintegrim

# Migrant Service Centre
msc-title = Seancat e Qendrës për Shërbime Migrantëve
msc-saved = Seanca u regjistrua.
msc-topic = Tema
msc-person-id = Numri i personit të regjistruar (lëreni bosh për vizitor anonim)
msc-anonymous = Vizitor anonim
msc-anonymous-short = anonim
msc-registered = person i regjistruar
msc-sex = Gjinia
msc-age-group = Grupmosha
msc-municipality = Komuna
msc-outcome = Rezultati
msc-held-on = Dita
msc-note = Shënim
msc-record = Regjistro seancën
msc-latest = Seancat e fundit
msc-none = Ende nuk ka seanca.
msc-who = Kush
msc-topic-legal-migration = migrim i ligjshëm dhe viza
msc-topic-work-abroad = punë jashtë vendit dhe njohje e kualifikimeve
msc-topic-irregular-migration-risks = rreziqet e migrimit të parregullt dhe trafikimit
msc-topic-voluntary-return = kthim vullnetar dhe riintegrim
msc-topic-services-in-kosovo = shërbime në Kosovë
msc-age-under-18 = nën 18
msc-age-18-24 = 18 deri 24
msc-age-25-34 = 25 deri 34
msc-age-35-49 = 35 deri 49
msc-age-50-plus = 50 e më shumë
msc-outcome-informed = i informuar
msc-outcome-advised = i këshilluar
msc-outcome-referred = i referuar te një shërbim
msc-outcome-follow-up = vazhdim i dakorduar

# Report
report-referrals-title = Raporti i referimeve
report-referrals-from = Nga
report-referrals-to = Deri
report-referrals-show = Shfaq
report-referrals-outcome-share = Referimet e mbyllura të përfunduara me rezultat
report-referrals-median-acceptance = Mediana e ditëve deri në pranim
report-referrals-median-completion = Mediana e ditëve deri në përfundim
report-referrals-suppressed = Numrat nën pragun e qelizave të vogla janë fshehur (–).
report-referrals-none = Asnjë në këtë periudhë.
report-referrals-by-need = Referimet sipas nevojës
report-referrals-by-service = Referimet sipas shërbimit
report-referrals-by-municipality = Referimet sipas komunës
report-referrals-by-status = Referimet sipas statusit
report-referrals-by-session-topic = Seancat sipas temës
report-referrals-by-session-sex = Seancat sipas gjinisë
report-referrals-by-session-age-group = Seancat sipas grupmoshës
report-referrals-by-session-municipality = Seancat sipas komunës
