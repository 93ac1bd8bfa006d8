"""Which commune (or province) a database follows a plan for, at `kehoach init`.

- A commune plan: the plan's own commune unless --commune names another.
- A province plan (Thanh Hóa, Đồng Nai): --commune picks one of the province's communes (a
  commune following its province's plan); without it the database is a tracker for the
  province itself (a department of the province), recorded with the province's 2-digit code
  and name in place of a commune. A commune outside the plan's province is refused.
- A province plan that names no province (Tỉnh ủy 365): --commune is required.
"""

from __future__ import annotations

from .communes import commune_by_code, provinces
from .domain.models import Commune
from .domain.plan import PlanFile
from .errors import PlanError
from .i18n import t

DEFAULT_COMMUNE = "16969"


def place_for_plan(plan: PlanFile, commune_code: str | None) -> Commune:
    """The unit the database is set up for; PlanError with a one-line reason otherwise."""
    meta = plan.plan
    if commune_code:
        commune = commune_by_code(commune_code)
        if commune is None:
            raise PlanError(t("cli.bad_commune", code=commune_code))
        if meta.level == "province" and meta.province_code and commune.province_code != meta.province_code:
            raise PlanError(t("plan.commune_outside", commune=commune.name, code=commune.code,
                              province=meta.province_name or meta.province_code, plan=meta.code))
        return commune
    if meta.commune_code:
        commune = commune_by_code(meta.commune_code)
        if commune is None:
            raise PlanError(t("cli.bad_commune", code=meta.commune_code))
        return commune
    if meta.level == "province":
        if not meta.province_code:
            raise PlanError(t("plan.needs_commune", plan=meta.code))
        name = dict(provinces()).get(meta.province_code, meta.province_name)
        return Commune(code=meta.province_code, name=name, province_code=meta.province_code, province_name=name)
    return commune_by_code(DEFAULT_COMMUNE)


# --- which plans fit a commune ------------------------------------------------------------

# How a plan relates to a commune, best first. "other_commune" is another commune's own plan:
# allowed only when the officer confirms it; a province plan of another province never is.
OWN, PROVINCE, ANY_PROVINCE, OTHER_COMMUNE, OTHER_PROVINCE = (
    "own", "province", "any_province", "other_commune", "other_province")
FIT_ORDER = (OWN, PROVINCE, ANY_PROVINCE, OTHER_COMMUNE)


def plan_fit(meta, commune: Commune) -> str:
    """meta: a plan header (PlanMeta or PlanHeader)."""
    if meta.level == "commune":
        if not meta.commune_code or meta.commune_code == commune.code:
            return OWN
        return OTHER_COMMUNE
    if not meta.province_code:
        return ANY_PROVINCE  # a province plan that names no province (Tỉnh ủy 365)
    return PROVINCE if meta.province_code == commune.province_code else OTHER_PROVINCE


class OtherCommunePlan(PlanError):
    """The plan is another commune's own plan: used only when the officer confirms it."""

    def __init__(self, plan: str, plan_commune: str, commune: str) -> None:
        self.plan, self.plan_commune, self.commune = plan, plan_commune, commune
        super().__init__(t("plan.other_commune_refused", plan=plan, plan_commune=plan_commune, commune=commune))


def check_plan_commune(plan: PlanFile, commune: Commune, *, other_commune_ok: bool) -> None:
    """OtherCommunePlan when plan is another commune's own plan and that was not confirmed."""
    meta = plan.plan
    if plan_fit(meta, commune) == OTHER_COMMUNE and not other_commune_ok:
        raise OtherCommunePlan(meta.code, meta.commune_name or meta.commune_code, commune.name)
