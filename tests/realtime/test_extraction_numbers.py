"""Phone and ID card numbers in recognised speech: spoken digits, separators, validation."""

from realtime.extraction.spoken_digits import find_digit_runs
from tests.realtime.extraction_helpers import extract, found

VALID_ID_CARD = "440305197505105126"
VALID_ID_CARD_WITH_X = "13010219920727901X"


def test_digit_run_maps_each_digit_to_its_characters():
    [run] = find_digit_runs("电话幺三八，嗯，１3")
    assert run.digits == "13813"
    assert run.spans == ((2, 3), (3, 4), (4, 5), (8, 9), (9, 10))
    assert run.group_starts == frozenset({3})


def test_phone_spoken_with_yao_and_dong():
    assert found("电话是幺三洞八，九九八，四洞洞洞", "phone") == ["13089984000"]


def test_phone_spoken_with_liang():
    assert found("我的手机一五两，两零九幺八四幺九", "phone") == ["15220918419"]


def test_phone_in_three_spoken_groups():
    [entity] = extract("电话一三八 零零一三 八零零零。")
    assert entity.value == "13800138000"
    assert entity.text == "一三八 零零一三 八零零零"
    assert (entity.start, entity.end) == (2, 15)
    assert entity.is_valid


def test_phone_in_full_width_digits():
    assert found("号码是１３８２３１１６３５７", "phone") == ["13823116357"]


def test_phone_with_fillers_between_groups():
    text = "我手机号码，嗯，一五一，那个，九六七，呃，五八五零七"
    assert found(text, "phone") == ["15196758507"]


def test_landline_with_area_code():
    assert found("座机零七五五杠八六二三杠四五六七", "phone") == ["075586234567"]
    assert found("单位电话0755-26789012", "phone") == ["075526789012"]


def test_landline_without_area_code():
    [entity] = extract("家里电话八六二三四五六七。")
    assert entity.value == "86234567"
    assert entity.is_valid


def test_phone_tail_number_flagged():
    [entity] = extract("她的手机尾号是六六一八")
    assert entity.type == "phone"
    assert entity.value == "6618"
    assert not entity.is_valid
    assert entity.problems == ("tail_only",)


def test_phone_with_country_code():
    [entity] = extract("对，+86 185 9857 7976，我在国外用过")
    assert entity.value == "18598577976"
    assert entity.text == "+86 185 9857 7976"


def test_mobile_with_invalid_prefix_flagged():
    [entity] = extract("电话一二三四五六七八九零一，好像不对")
    assert entity.value == "12345678901"
    assert not entity.is_valid
    assert entity.problems == ("mobile_prefix",)


def test_two_phones_in_one_segment():
    text = "她电话是一五二二零九一八四一九，我的是一八四零五零二九一五五"
    assert found(text, "phone") == ["15220918419", "18405029155"]


def test_two_phones_run_together():
    assert found("电话13800138000 13900139000", "phone") == ["13800138000", "13900139000"]


def test_counting_words_are_not_digits():
    text = "我们一起去的，两个大人，一共五个人，住了三天，七位的，二零二二年一月五号"
    assert extract(text) == []


def test_barcode_is_not_a_phone():
    assert found("核酸采样的条码是二二零一零五三三八", "phone") == []


def test_id_card_valid():
    [entity] = extract(f"身份证是{VALID_ID_CARD}")
    assert entity.type == "id_card"
    assert entity.value == VALID_ID_CARD
    assert entity.is_valid
    assert entity.problems == ()


def test_id_card_x_spoken_as_cha():
    spoken = "一三零一零二一九九二零七二七九零一叉"
    assert found(f"身份证号{spoken}", "id_card") == [VALID_ID_CARD_WITH_X]


def test_id_card_x_spoken_as_letter_name():
    spoken = "一三零一零二一九九二零七二七九零一艾克斯"
    assert found(f"身份证号{spoken}", "id_card") == [VALID_ID_CARD_WITH_X]


def test_id_card_x_written_lowercase():
    assert found("身份证13010219920727901x", "id_card") == [VALID_ID_CARD_WITH_X]


def test_id_card_with_grouped_digits():
    spoken = "三六零一零二，一九四六，一零二四，三三八三"
    assert found(f"是{spoken}对吧", "id_card") == ["360102194610243383"]


def test_id_card_fifteen_digits():
    [entity] = extract("老身份证，十五位的，四四零三零五七八零三一二四二零。")
    assert entity.value == "440305780312420"
    assert entity.is_valid


def test_id_card_bad_check_digit_flagged_not_dropped():
    [entity] = extract("我填的是四四一三零二一九七八零三一二四二零五")
    assert entity.type == "id_card"
    assert entity.value == "441302197803124205"
    assert not entity.is_valid
    assert entity.problems == ("check_digit",)


def test_id_card_bad_region_flagged():
    [entity] = extract("她的是九九零三零五一九七五零五一零五一二六")
    assert not entity.is_valid
    assert "region" in entity.problems


def test_id_card_bad_birth_date_flagged():
    [entity] = extract("身份证四四零三零五一九七五零二三零五一二六")
    assert entity.value == "440305197502305126"
    assert "birth_date" in entity.problems


def test_id_card_missing_digit_flagged():
    [entity] = extract("身份证号四四零三零五一九七五零五一零五一二，好像少了一位")
    assert entity.type == "id_card"
    assert entity.value == "44030519750510512"
    assert entity.problems == ("format",)


def test_fragment_before_self_correction_is_dropped():
    text = "一三七，二九零八，六，不是，我看错了，重新说，一三七，二九八零，六六五二。"
    assert found(text, "phone") == ["13729806652"]


def test_id_card_fragment_before_self_correction_is_dropped():
    text = "四四零三零五一九七五零五，哎不对，我重新念。"
    assert found(text, "id_card") == []


def test_wrong_number_read_in_full_is_kept():
    text = "一三八零零一三八零零零，不是，一三八零零一三八零零一。"
    assert found(text, "phone") == ["13800138000", "13800138001"]
