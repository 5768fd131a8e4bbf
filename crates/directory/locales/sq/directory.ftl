invalid-service-inactive = nuk pranon referime (statusi i saj është { $status })
invalid-not-hsds = nuk i përmbahet HSDS 3.0: { $detail }
invalid-not-a-service-list = nuk është as varg shërbimesh HSDS as faqe HSDS me contents
invalid-not-an-hsds-table = nuk është tabelë HSDS (skedarët e regjistrit: { $files })
invalid-no-such-record = përmend { $table } { $id }, që nuk është as në skedar as në regjistër

## Nevojat që plotëson një shërbim
need-employment = Punësim
need-vocational-training = Aftësim profesional
need-business-support = Mbështetje biznesi dhe mikrogrante
need-housing = Strehim
need-health = Shëndetësi
need-mental-health = Shëndet mendor
need-education = Arsim dhe tarifa shkollore
need-social-assistance = Ndihmë sociale
need-legal-aid = Ndihmë juridike
need-civil-documents = Gjendje civile dhe dokumente
need-counter-trafficking = Kundër trafikimit
need-discrimination-complaints = Ankesa për diskriminim
need-child-protection = Mbrojtje e fëmijëve
need-interpretation = Përkthim gojor
need-migration-information = Informim për migrimin
need-return-reintegration = Kthim dhe riintegrim

## Gjetësi publik i shërbimeve
finder-title = Gjej një shërbim
finder-lead = Shërbime për të kthyerit, migrantët dhe familjet e tyre në gjithë Kosovën: kërkoni sipas nevojës, vendit, gjuhës që flisni ose çfarë është hapur tani.
finder-search = Fjalë
finder-need = Nevoja
finder-municipality = Komuna
finder-language = Gjuha që flitet
finder-open-now = Hapur tani
finder-any = Çdo
finder-submit = Kërko
finder-found = { $count ->
    [one] Një shërbim
   *[other] { $count } shërbime
}
finder-none = Asnjë shërbim nuk përputhet. Provoni më pak filtra.
finder-open = Hapur tani
finder-temporarily-closed = Mbyllur përkohësisht
finder-pages = Faqet e rezultateve
finder-previous = Prapa
finder-next = Para
finder-page = Faqja { $page } nga { $pages }
finder-map = Shërbimet sipas komunës
finder-map-lead = Zgjidhni një komunë në hartë për të parë shërbimet e saj. Sa më e errët, aq më shumë shërbime.
finder-map-count = { $count ->
    [one] një shërbim
   *[other] { $count } shërbime
}
finder-legend = Legjenda
finder-legend-none = asnjë
finder-map-as-list = Harta si listë
finder-services = Shërbime
finder-back = Të gjitha shërbimet
finder-address = Adresa
finder-no-address = Nuk është dhënë adresë.
finder-transportation = Si të shkoni
finder-hours = Orari
finder-no-hours = Nuk është dhënë orar.
finder-hours-zone = Oraret janë sipas kohës së Kosovës.
finder-documents = Çfarë të sillni
finder-no-documents = Asgjë e shënuar.
finder-fees = Tarifat
finder-eligibility = Kush mund ta përdorë
finder-application = Si të aplikoni
finder-languages = Gjuhët që fliten
finder-no-languages = Nuk është dhënë.
finder-contact = Kontakti
finder-language-sq = Shqip
finder-language-sr = Serbisht
finder-language-rom = Romanisht
finder-language-tr = Turqisht
finder-language-bs = Boshnjakisht
finder-language-en = Anglisht
finder-language-de = Gjermanisht
finder-day-mo = E hënë
finder-day-tu = E martë
finder-day-we = E mërkurë
finder-day-th = E enjte
finder-day-fr = E premte
finder-day-sa = E shtunë
finder-day-su = E diel

## Administrimi i regjistrit
admin-directory-title = Regjistri i shërbimeve
admin-directory-lead = Cila agjenci Drom e këtij serveri është secila organizatë (referimet te shërbimet e saj arrijnë te përdoruesit e asaj agjencie), dhe a pranon referime secili shërbim.
admin-directory-empty = Regjistri është bosh: importoni një skedar HSDS me drom directory import.
admin-directory-agency = Agjencia Drom
admin-directory-outside = Asnjë (ofrues i jashtëm)
admin-directory-save = Ruaj
admin-directory-status = Statusi
service-status-active = Aktiv
service-status-inactive = Joaktiv
service-status-defunct = I shuar
service-status-temporarily-closed = Mbyllur përkohësisht
