"""Who may act for which unit."""

from domain.units.roles import Role, may_act_for


def test_office_and_leader_act_for_everyone() -> None:
    for role in (Role.OFFICE, Role.LEADER):
        assert may_act_for(
            role=role,
            own_unit="tj.office",
            target_unit="tj.hp.rsj",
            target_ancestors=["tj.hp", "tj"],
        )


def test_unit_acts_only_for_itself() -> None:
    assert may_act_for(
        role=Role.UNIT, own_unit="tj.rsj", target_unit="tj.rsj", target_ancestors=["tj"]
    )
    assert not may_act_for(
        role=Role.UNIT, own_unit="tj.rsj", target_unit="tj.zjw", target_ancestors=["tj"]
    )
    assert not may_act_for(
        role=Role.UNIT, own_unit="tj", target_unit="tj.rsj", target_ancestors=["tj"]
    )


def test_district_acts_for_itself_and_below() -> None:
    assert may_act_for(
        role=Role.DISTRICT, own_unit="tj.hp", target_unit="tj.hp", target_ancestors=["tj"]
    )
    assert may_act_for(
        role=Role.DISTRICT,
        own_unit="tj.hp",
        target_unit="tj.hp.rsj",
        target_ancestors=["tj.hp", "tj"],
    )
    assert not may_act_for(
        role=Role.DISTRICT,
        own_unit="tj.hp",
        target_unit="tj.hx.rsj",
        target_ancestors=["tj.hx", "tj"],
    )
    assert not may_act_for(
        role=Role.DISTRICT, own_unit="tj.hp", target_unit="tj.rsj", target_ancestors=["tj"]
    )


def test_account_without_unit_acts_for_nobody() -> None:
    assert not may_act_for(
        role=Role.DISTRICT, own_unit=None, target_unit="tj.hp", target_ancestors=["tj"]
    )
