# Casework: assignment, tasks, notes, files, the timeline.
casework-title = Casework
casework-assigned-to = Assigned to { $name }
casework-unassigned = Nobody is assigned to this record.
casework-assign-label = Assign to
casework-nobody = nobody
casework-assign = Assign
casework-take = Take this case
casework-tasks = Open tasks
casework-no-tasks = No open tasks.
casework-add-note = Add a note
casework-note = Note
casework-note-special = This note reveals a special category (health, trafficking, a minor's situation)
casework-save-note = Save the note
casework-add-file = Attach a file
casework-file-kind = What the file is
casework-file = File
casework-file-hint = PDF, PNG, JPEG, WebP or TIFF, at most { $mib } MiB. The type is read from the file itself.
casework-file-description = Description (optional)
casework-file-special = This file reveals a special category
casework-upload = Attach
casework-timeline = Timeline
casework-timeline-empty = Nothing recorded yet.
casework-withheld = { $count ->
    [one] One note or file reveals a special category and is shown only to users with that grant.
   *[other] { $count } notes or files reveal a special category and are shown only to users with that grant.
}
casework-kind-note = note
casework-special = special category
casework-refused = This could not be saved
casework-your-text = What you wrote, so that nothing is lost:
casework-back = Back to the record
casework-field-body = Note
casework-field-special = Special category
casework-field-kind = What the file is
casework-field-file = File
casework-field-description = Description
casework-field-title = Task
casework-field-due_on = Due on
casework-field-user_id = Assign to
casework-field-assignee = For
casework-field-subject = Record
casework-field-subject_id = Record
attachment-signed-consent = signed consent form
attachment-identity-document = identity document
attachment-civil-document = civil registration document
attachment-medical-letter = medical letter (special category)
attachment-correspondence = correspondence
attachment-other = other document
tasks-title = My tasks
tasks-none = No open tasks.
tasks-count = { $count ->
    [one] One open task.
   *[other] { $count } open tasks.
}
tasks-overdue = overdue:
tasks-due = due { $date }
tasks-done = Done
tasks-new = New task
tasks-what = What is to be done
tasks-due-on = Due on
tasks-add = Add the task
task-rule-monitoring-visit = Monitoring visit to { $person }, { $months } months after arrival
team-title = The team's load
team-lead = Who holds how much: records assigned, open tasks and overdue tasks per person, and the tasks nobody holds.
team-load = Load per person
team-worker = Person
team-assigned = Records assigned
team-open-tasks = Open tasks
team-overdue = Overdue tasks
team-unheld = Tasks nobody holds
timeline-assignment-set = assignment changed
timeline-task-create = task written
timeline-task-complete = task done
timeline-person-create = registered
timeline-person-update = record changed
timeline-person-consent-withdraw = consent withdrawn
timeline-return-case-create = case opened
timeline-return-case-import = case imported from a file
timeline-return-case-gate-override-request = override of the protection gate asked
timeline-return-case-gate-override-confirm = override of the protection gate confirmed
invalid-file-empty = is empty: choose a file
invalid-file-too-large = is larger than { $mib } MiB
invalid-file-type = is not an accepted file (its content is { $found }; accepted: { $accepted })
invalid-not-agency-user = user { $user } is not an active user of your agency
invalid-not-caseworker = user { $user } cannot work on cases (a viewer or a disabled account)
refusal-task-done = Task { $id } is done already.
refusal-attachment-missing = The file of attachment { $id } is missing from the file store: tell the system administrator.
refusal-attachment-damaged = The file of attachment { $id } no longer matches its checksum and is not served: tell the system administrator.
refusal-attachment-unwritable = The file could not be stored: tell the system administrator.
home-my-work = My work
home-my-tasks = My tasks
home-tasks-overdue = { $count ->
    [one] One is overdue.
   *[other] { $count } are overdue.
}
home-all-tasks = All my tasks
home-my-cases = My cases
home-no-cases = No open case is assigned to you.
home-my-cases-count = { $count ->
    [one] One open case is yours.
   *[other] { $count } open cases are yours.
}
home-all-cases = All my cases
home-unassigned = { $count ->
    [one] One open case is held by nobody
   *[other] { $count } open cases are held by nobody
}
