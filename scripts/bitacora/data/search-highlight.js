/*
 * Bitácora's page highlighter: after a reader opens a search result, mark the accented words
 * that match the query, which reaches the page folded ("?h=practica" for "Práctica").
 *
 * Written into site/ by the bitacora plugin (bitacora/search.py). Material's own highlighter
 * (feature search.highlight) compares letters as they are, so it marks "practicar" but not
 * "Práctica"; this script marks only words with accents, so the two never mark the same word.
 */
"use strict"

__FOLD__

document.addEventListener("DOMContentLoaded", function () {
  var query = new URL(location.href).searchParams.get("h")
  var content = document.querySelector("[data-md-component=content]")
  if (!query || !content)
    return
  var terms = fold(query).split(/\s+/).filter(Boolean)
  var isMatch = function (word) {
    var folded = fold(word)
    return folded !== word.toLowerCase() && terms.some(function (term) {
      return folded.indexOf(term) === 0
    })
  }
  var nodes = []
  var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT)
  for (var node = walker.nextNode(); node; node = walker.nextNode())
    if (!node.parentElement.closest("mark, script, style, code, pre"))
      nodes.push(node)
  nodes.forEach(function (node) {
    var text = node.textContent
    var parts = text.split(/([\p{L}\p{N}]+)/u)
    if (!parts.some(isMatch))
      return
    var fragment = document.createDocumentFragment()
    parts.forEach(function (part, index) {
      if (index % 2 === 1 && isMatch(part)) {
        var mark = document.createElement("mark")
        mark.setAttribute("data-md-highlight", "")
        mark.textContent = part
        fragment.appendChild(mark)
      } else if (part) {
        fragment.appendChild(document.createTextNode(part))
      }
    })
    node.replaceWith(fragment)
  })
})
