from django.core.management.base import BaseCommand

from agencies.deployment.services import template_load


class Command(BaseCommand):
    help = (
        "Load the deployment plan's template (the activity tables of §4.1, §5.1, §6.1, step 3, "
        "§8.1 and §9.1) from fixtures/deployment/plan_template.json (safe to run again)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", help="path to plan_template.json")

    def handle(self, *args, **options):
        count = template_load(path=options.get("path"))
        self.stdout.write(f"Deployment plan template: {count} activities.")
