/* Same rule as bitacora.spanish.fold: lowercase, drop accents, keep the tilde of "ñ".
   Shared by Bitácora's search worker and its page highlighter (bitacora/search.py). */
function fold(text) {
  return text.toLowerCase().normalize("NFD")
    .replace(/(n)\u0303|\p{M}/gu, function (mark, n) { return n ? "\u00f1" : "" })
    .normalize("NFC")
}