"""Property tests of the freight rules (app/freight/rules.py): postage is
never negative; piece and weight postage never falls as quantity grows,
until a free threshold frees it; a met threshold frees the group; flat
postage ignores quantity; a not-delivered region is always refused; an
order's postage is the sum of its templates' fees."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.freight import rules
from app.regions import dataset

PROVINCES = [place.code[:2] for place in dataset.children()]  # 11 .. 82
RELAXED = settings(deadline=None)  # a busy machine is no failure


@st.composite
def region_codes(draw) -> str:
    """A province, city or district code of the GB/T 2260 shape."""
    province = draw(st.sampled_from(PROVINCES))
    city = draw(st.sampled_from(["00", "01", "02", "90"]))
    district = "00" if city == "00" else draw(st.sampled_from(["00", "01", "02", "03"]))
    return province + city + district


@st.composite
def districts(draw) -> str:
    return draw(st.sampled_from(PROVINCES)) + draw(st.sampled_from(["01", "02", "90"])) + \
        draw(st.sampled_from(["01", "02", "03"]))


def fees(*, free: bool = True) -> st.SearchStrategy[rules.Fees]:
    threshold = st.none() | st.integers(1, 50_000) if free else st.none()
    return st.builds(rules.Fees, first_units=st.integers(1, 3000),
                     first_fee_fen=st.integers(0, 5000), additional_units=st.integers(1, 3000),
                     additional_fee_fen=st.integers(0, 5000), free_over_fen=threshold,
                     free_over_count=threshold)


@st.composite
def templates(draw, method=None, free: bool = True) -> rules.Template:
    codes = draw(st.lists(region_codes(), unique=True, max_size=8))
    cut = draw(st.integers(0, len(codes)))
    grouped, refused = codes[:cut], codes[cut:]
    groups, start = [], 0
    while start < len(grouped):
        size = draw(st.integers(1, len(grouped) - start))
        groups.append(rules.RegionGroup(frozenset(grouped[start:start + size]),
                                        draw(fees(free=free))))
        start += size
    return rules.Template(id=1, method=method or draw(st.sampled_from(rules.METHODS)),
                          default=draw(fees(free=free)), groups=tuple(groups),
                          not_delivered=frozenset(refused))


LINES = st.lists(st.builds(rules.Line, quantity=st.integers(1, 50),
                           weight_g=st.integers(0, 5000), goods_fen=st.integers(0, 100_000)),
                 min_size=1, max_size=5)


def _quote(template, lines, region):
    try:
        return rules.quote(template, lines, region)
    except rules.NotDelivered:
        return None


@RELAXED
@given(templates(), LINES, districts())
def test_postage_is_never_negative(template, lines, region):
    quote = _quote(template, lines, region)
    assert quote is None or quote.fee_fen >= 0


@RELAXED
@given(templates(method=rules.PIECE) | templates(method=rules.WEIGHT), LINES, districts(),
       st.integers(1, 50))
def test_more_units_never_cost_less_until_free(template, lines, region, more):
    """The first line's quantity grows (its goods with it)."""
    first = lines[0]
    unit_fen = first.goods_fen // first.quantity
    less = [rules.Line(first.quantity, first.weight_g, unit_fen * first.quantity), *lines[1:]]
    bigger = [rules.Line(first.quantity + more, first.weight_g,
                         unit_fen * (first.quantity + more)), *lines[1:]]
    small, large = _quote(template, less, region), _quote(template, bigger, region)
    assume(small is not None)
    assert large.free or small.fee_fen <= large.fee_fen


@RELAXED
@given(templates(), LINES, districts())
def test_a_met_threshold_frees_the_group(template, lines, region):
    try:
        _, group = rules.resolve(template, region)
    except rules.NotDelivered:
        return
    goods, pieces = sum(ln.goods_fen for ln in lines), sum(ln.quantity for ln in lines)
    met = (group.free_over_fen is not None or group.free_over_count is not None) and \
        (group.free_over_fen is None or goods >= group.free_over_fen) and \
        (group.free_over_count is None or pieces >= group.free_over_count)
    quote = rules.quote(template, lines, region)
    assert quote.free == met
    if met:
        assert quote.fee_fen == 0


@RELAXED
@given(templates(method=rules.FLAT, free=False), LINES, districts(), st.integers(1, 500))
def test_flat_postage_ignores_quantity(template, lines, region, quantity):
    again = [rules.Line(quantity, ln.weight_g * 3, ln.goods_fen) for ln in lines]
    first = _quote(template, lines, region)
    assume(first is not None)
    assert first.fee_fen == _quote(template, again, region).fee_fen
    assert first.fee_fen == rules.resolve(template, region)[1].first_fee_fen


@RELAXED
@given(templates(), LINES, st.data())
def test_a_not_delivered_region_is_always_refused(template, lines, data):
    assume(template.not_delivered)
    entry = data.draw(st.sampled_from(sorted(template.not_delivered)))
    # the entry itself, or a district under it that no more specific entry names
    district = entry
    if entry.endswith("00"):
        district = entry[:4] + "99" if entry[2:4] != "00" else entry[:2] + "9999"
    try:
        rules.quote(template, lines, district)
    except rules.NotDelivered as refused:
        assert refused.entry == entry
    else:
        raise AssertionError(f"{district} under {entry} was delivered")


@RELAXED
@given(st.lists(templates(), min_size=1, max_size=3), st.lists(
    st.tuples(st.integers(0, 3), LINES.map(lambda ls: ls[0])), min_size=1, max_size=6),
    districts())
def test_the_order_pays_the_sum_of_its_templates(made, items, region):
    by_id = {i + 1: rules.Template(i + 1, t.method, t.default, t.groups, t.not_delivered)
             for i, t in enumerate(made)}
    lines = [(tid if tid in by_id else None, line) for tid, line in items]
    try:
        total, quotes = rules.postage(by_id, lines, region)
    except rules.NotDelivered as refused:
        assert refused.template_id in {tid for tid, _ in lines}
        return
    charged = sorted({tid for tid, _ in lines if tid is not None})
    assert [q.template_id for q in quotes] == charged
    assert total == sum(rules.quote(by_id[tid], [ln for t, ln in lines if t == tid],
                                    region).fee_fen for tid in charged)
