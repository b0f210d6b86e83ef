"""Constants of step closure (§4.6, L501; §5.5, §6.5, §7.4, §8.4), each with its clause."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# §4.6 (L501): «Диагностика … в обязательном порядке проводится для фиксирования результатов
# завершения мероприятий по шагам 1 – 4»; the internal audit scores rooms by steps 1–4.
DIAGNOSED_STEPS = (1, 2, 3, 4)
# Step 5 (improvement, §9) has no «зафиксировать результаты» of its own: the portal closes it by
# the same diagnosis covering all four steps (every room scored on steps 1–4) and a photo report.
LAST_STEP = 5
TEXT_MAX_LENGTH = 2000
TITLE_MAX_LENGTH = 500
STANDARD_FILE_MAX_BYTES = 20 * 1024 * 1024
STANDARD_FILE_EXTENSIONS = ("pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "jpg", "jpeg", "png")


class Recipient(models.TextChoices):
    """Who receives the document the leader signs after a step."""

    # L765 (§5.5) and L1065 (§7.4): «лидер 5S-команды подписывает и направляет секретарю совета».
    COUNCIL_SECRETARY = "council_secretary", _("Секретарь совета")
    # L945 (§6.5) and L1341 (§8.4): «направляет руководителю рабочей группы».
    GROUP_HEAD = "group_head", _("Руководитель рабочей группы")
    NONE = "", _("Не направляется")


class DocumentKind(models.TextChoices):
    PROBLEMS = "problems", _("Перечень проблемных вопросов и предложения")
    STANDARDS = "standards", _("Перечень 5S-стандартов (приложение 29)")
    NONE = "", _("Нет документа")


# Which document a step produces and to whom it goes.
STEP_DOCUMENTS = {
    1: (DocumentKind.PROBLEMS, Recipient.COUNCIL_SECRETARY),  # §5.5, L765
    2: (DocumentKind.PROBLEMS, Recipient.GROUP_HEAD),  # §6.5, L945
    3: (DocumentKind.PROBLEMS, Recipient.COUNCIL_SECRETARY),  # §7.4, L1065
    4: (DocumentKind.STANDARDS, Recipient.GROUP_HEAD),  # §8.4, L1341 (Appendix 29)
    5: (DocumentKind.NONE, Recipient.NONE),
}

# What the step's list is about (the proposals «по улучшению процесса …»).
STEP_SUBJECTS = {
    1: _("по улучшению процесса сортировки"),
    2: _("по совершенствованию процесса создания порядка"),
    3: _("по улучшению процесса содержания рабочего пространства в чистоте"),
}

NOTICE_KIND = "audits.step_closure_document"
