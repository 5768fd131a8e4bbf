# Puna me rastin: caktimi, detyrat, shënimet, dosjet, kronologjia.
casework-title = Puna me rastin
casework-assigned-to = I caktuar për { $name }
casework-unassigned = Askush nuk është caktuar për këtë regjistrim.
casework-assign-label = Cakto për
casework-nobody = askënd
casework-assign = Cakto
casework-take = Merre këtë rast
casework-tasks = Detyrat e hapura
casework-no-tasks = Asnjë detyrë e hapur.
casework-add-note = Shto një shënim
casework-note = Shënimi
casework-note-special = Ky shënim zbulon një kategori të veçantë (shëndeti, trafikimi, gjendja e një të mituri)
casework-save-note = Ruaje shënimin
casework-add-file = Bashkëngjit një skedar
casework-file-kind = Çfarë është skedari
casework-file = Skedari
casework-file-hint = PDF, PNG, JPEG, WebP ose TIFF, deri në { $mib } MiB. Lloji lexohet nga vetë skedari.
casework-file-description = Përshkrimi (sipas dëshirës)
casework-file-special = Ky skedar zbulon një kategori të veçantë
casework-upload = Bashkëngjit
casework-timeline = Kronologjia
casework-timeline-empty = Ende asgjë e regjistruar.
casework-withheld = { $count ->
    [one] Një shënim ose skedar zbulon një kategori të veçantë dhe u shfaqet vetëm përdoruesve me atë leje.
   *[other] { $count } shënime ose skedarë zbulojnë një kategori të veçantë dhe u shfaqen vetëm përdoruesve me atë leje.
}
casework-kind-note = shënim
casework-special = kategori e veçantë
casework-refused = Kjo nuk mund të ruhej
casework-your-text = Çfarë shkruat, që të mos humbasë asgjë:
casework-back = Kthehu te regjistrimi
casework-field-body = Shënimi
casework-field-special = Kategori e veçantë
casework-field-kind = Çfarë është skedari
casework-field-file = Skedari
casework-field-description = Përshkrimi
casework-field-title = Detyra
casework-field-due_on = Afati
casework-field-user_id = Cakto për
casework-field-assignee = Për
casework-field-subject = Regjistrimi
casework-field-subject_id = Regjistrimi
attachment-signed-consent = formulari i pëlqimit i nënshkruar
attachment-identity-document = dokument identifikimi
attachment-civil-document = dokument i gjendjes civile
attachment-medical-letter = letër mjekësore (kategori e veçantë)
attachment-correspondence = korrespondencë
attachment-other = dokument tjetër
tasks-title = Detyrat e mia
tasks-none = Asnjë detyrë e hapur.
tasks-count = { $count ->
    [one] Një detyrë e hapur.
   *[other] { $count } detyra të hapura.
}
tasks-overdue = me vonesë:
tasks-due = afati { $date }
tasks-done = U krye
tasks-new = Detyrë e re
tasks-what = Çfarë duhet bërë
tasks-due-on = Afati
tasks-add = Shto detyrën
task-rule-monitoring-visit = Vizitë monitorimi te { $person }, { $months } muaj pas kthimit
team-title = Ngarkesa e ekipit
team-lead = Kush sa mban: regjistrimet e caktuara, detyrat e hapura dhe ato me vonesë për secilin, dhe detyrat që nuk i mban askush.
team-load = Ngarkesa për person
team-worker = Personi
team-assigned = Regjistrime të caktuara
team-open-tasks = Detyra të hapura
team-overdue = Detyra me vonesë
team-unheld = Detyra që nuk i mban askush
timeline-assignment-set = caktimi u ndryshua
timeline-task-create = detyrë e shkruar
timeline-task-complete = detyrë e kryer
timeline-person-create = u regjistrua
timeline-person-update = regjistrimi u ndryshua
timeline-person-consent-withdraw = pëlqimi u tërhoq
timeline-return-case-create = rasti u hap
timeline-return-case-import = rasti u importua nga një skedar
timeline-return-case-gate-override-request = u kërkua anashkalimi i portës së mbrojtjes
timeline-return-case-gate-override-confirm = u konfirmua anashkalimi i portës së mbrojtjes
invalid-file-empty = është bosh: zgjidhni një skedar
invalid-file-too-large = është më i madh se { $mib } MiB
invalid-file-type = nuk është skedar i pranuar (përmbajtja e tij është { $found }; pranohen: { $accepted })
invalid-not-agency-user = përdoruesi { $user } nuk është përdorues aktiv i agjencisë suaj
invalid-not-caseworker = përdoruesi { $user } nuk mund të punojë me raste (shikues ose llogari e çaktivizuar)
refusal-task-done = Detyra { $id } është kryer tashmë.
refusal-attachment-missing = Skedari i bashkëngjitjes { $id } mungon në ruajtje: njoftoni administratorin e sistemit.
refusal-attachment-damaged = Skedari i bashkëngjitjes { $id } nuk përputhet më me shumën e kontrollit dhe nuk jepet: njoftoni administratorin e sistemit.
refusal-attachment-unwritable = Skedari nuk mund të ruhej: njoftoni administratorin e sistemit.
home-my-work = Puna ime
home-my-tasks = Detyrat e mia
home-tasks-overdue = { $count ->
    [one] Një është me vonesë.
   *[other] { $count } janë me vonesë.
}
home-all-tasks = Të gjitha detyrat e mia
home-my-cases = Rastet e mia
home-no-cases = Asnjë rast i hapur nuk ju është caktuar.
home-my-cases-count = { $count ->
    [one] Një rast i hapur është i juaji.
   *[other] { $count } raste të hapura janë tuajat.
}
home-all-cases = Të gjitha rastet e mia
home-unassigned = { $count ->
    [one] Një rast i hapur nuk e mban askush
   *[other] { $count } raste të hapura nuk i mban askush
}
