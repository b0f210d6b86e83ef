from fives_portal.celery import app


def test_every_periodic_task_names_a_registered_task():
    app.loader.import_default_modules()
    registered = set(app.tasks)
    schedule = app.conf.beat_schedule
    assert set(schedule) == {
        "core: outbox sweep",
        "core: expired API tokens",
        "reports: publish summaries",
        "sorting: next sorting due",
        "audits: audit reminders",
        "audits: IT standard data due",
        "agencies: walk-round due",
        "agencies: information board update due",
        "agencies: deployment reminders",
        "agencies: training topics due",
        "agencies: proposal stages overdue",
        "agencies: indicator measurement due",
        "standards: review reminders",
        "standards: placement copy due",
        "standards: cleaning dates missed",
    }
    for name, entry in schedule.items():
        assert entry["task"] in registered, name
