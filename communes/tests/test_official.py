"""The official list as the package gives it: Hải Phòng's 114 units after the reform, Cẩm Giang among them."""

import collections

from communes import official


def test_hai_phong_has_its_114_units_with_their_kinds():
    units = official.units("31")
    assert len(units) == 114
    assert collections.Counter(u.kind for u in units) == {"xa": 67, "phuong": 45, "dac_khu": 2}
    assert {u.province_name for u in units} == {"Thành phố Hải Phòng"}
    assert len({u.code for u in units}) == len({u.slug for u in units}) == 114


def test_cam_giang_is_there_as_a_xa():
    cam_giang = official.unit("31", "10888")
    assert (cam_giang.name, cam_giang.kind, cam_giang.slug) == ("Xã Cẩm Giang", "xa", "cam-giang")
    # Xã Cẩm Giàng has the same ASCII name: the higher code adds its code, so Cẩm Giang's slug is stable.
    assert official.unit("31", "10903").slug == "cam-giang-10903"


def test_codes_are_normalised_and_unknown_ones_refused():
    assert official.unit(31, "010888").code == "10888"
    assert official.unit("31", "11617").name == "Phường An Hải"
    for bad in ["99999", "00004", "abc", "", "-1", "١٠٨٨٨"]:  # 00004 is Hà Nội's: not a unit of Hải Phòng
        assert official.unit("31", bad) is None
    assert official.province("31").name == "Thành phố Hải Phòng"
    assert official.province("99") is None
    assert official.units("xx") == ()
