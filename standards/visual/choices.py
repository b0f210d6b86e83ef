"""Constants and choices of visual control (Appendix 28, seed 003 L4875–4981) and of the
error-proofing and emergency procedure that criteria 4.6 and 4.7 of the checklist ask for
(Appendix 2, L2465, L2475)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 500
TITLE_MAX_LENGTH = 300
# Appendix 28's form has three «Перечень составили» signature lines.
COMPILERS_MAX = 3


class ListStatus(models.TextChoices):
    """Appendix 28, note 4 (L4927): the draft is signed by its compilers and passed to the 5S
    team leader to agree («СОГЛАСОВАНО Лидер 5S-команды»)."""

    DRAFT = "draft", _("проект")
    AGREED = "agreed", _("согласован")


class ProcedureStatus(models.TextChoices):
    """Criterion 4.7 (L2475–2485): «разработан проект порядка действий» → «порядок действий
    утверждён, расположен в доступных местах, известных сотрудникам»."""

    DRAFT = "draft", _("проект")
    APPROVED = "approved", _("утверждён")
