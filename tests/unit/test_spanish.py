"""Spanish text helpers: folding, stop words, stems."""

from __future__ import annotations

from bitacora.spanish import fold, is_stop_word, stem, tokenize


def test_fold_strips_accents_but_keeps_enye() -> None:
    assert fold("Atención ÚNICA") == "atencion unica"
    assert fold("año") == "año"


def test_stems_meet_across_plural_and_accents() -> None:
    assert stem("clientes") == stem("cliente")
    assert stem("atención") == stem("atencion")
    assert stem("facturación") == stem("facturacion")


def test_estado_is_not_a_stop_word_but_forms_of_estar_are() -> None:
    assert not is_stop_word("estado")
    assert is_stop_word("están") and is_stop_word("estan")


def test_tokenize_drops_stop_words_and_numbers() -> None:
    assert tokenize("Las quejas de los 3 clientes") == [stem("quejas"), stem("clientes")]
