"""The order of the improvement process (L1437–1445) as pure functions over plain values."""

from agencies.proposals.choices import STAGE_ORDER, Stage


def next_stage(stage: str) -> Stage | None:
    """The stage after `stage`, or None after the last («стандартизирует достигнутое»)."""
    index = STAGE_ORDER.index(Stage(stage))
    return STAGE_ORDER[index + 1] if index + 1 < len(STAGE_ORDER) else None


def stage_number(stage: str) -> int:
    """1 for «идентифицирует проблему» … 5 for «стандартизирует достигнутое»."""
    return STAGE_ORDER.index(Stage(stage)) + 1


def missing_for_stage(
    stage: str,
    *,
    whys: int,
    root_cause: str,
    options: str,
    decision: str,
    accepted: bool | None,
    outcome_kind: str,
    outcome_reference: str,
) -> list[str]:
    """The fields a stage needs before the team may close it: the analysis a «5 почему»
    record and its root cause (L1403), the options their text, the decision its text and
    whether it is accepted, the standardisation what the proposal became."""
    missing = []
    if stage == Stage.ANALYSE:
        if whys < 1:
            missing.append("whys")
        if not root_cause.strip():
            missing.append("root_cause")
    elif stage == Stage.OPTIONS:
        if not options.strip():
            missing.append("options")
    elif stage == Stage.DECIDE:
        if not decision.strip():
            missing.append("decision")
        if accepted is None:
            missing.append("accepted")
    elif stage == Stage.STANDARDISE:
        if not outcome_kind:
            missing.append("outcome_kind")
        if not outcome_reference.strip():
            missing.append("outcome_reference")
    return missing
