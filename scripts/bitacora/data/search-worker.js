/*
 * Bitácora's search worker: Material for MkDocs' own worker, taught to read Spanish.
 *
 * Written into site/ by the bitacora plugin at build time (bitacora/search.py): edit the
 * template in the package, never the built copy.
 *
 * Material's worker keeps accents in its tokens and appends "*" to every query word, and
 * lunr skips the pipeline for such wildcard words, so "atencion" never met "atención".
 * This worker folds both sides the same way:
 * - index: once Material has loaded lunr's Spanish support, its trimmer is replaced by one
 *   that also folds ("Atención" → "atencion", "ñ" kept) and its stop-word filter by
 *   Bitácora's list of function words (lunr's drops "estado", which readers search for);
 * - query: folded before Material's worker sees it, with stop words dropped while the
 *   reader has typed other words; the "*" Material adds keeps partial words working.
 * Positions are kept, so Material still highlights the accented words in the results.
 * And while the reader types, only the newest query is searched (see the end of the file).
 */
"use strict"

__FOLD__

var MATERIAL_WORKER = __MATERIAL_WORKER__
var STOP_WORDS = __STOP_WORDS__

/* Message types of Material's worker protocol (SETUP 0, READY 1, QUERY 2, RESULT 3) */
var QUERY = 2

var isStopWord = Object.create(null)
STOP_WORDS.forEach(function (word) { isStopWord[word] = true })

function trimmer(token) {
  return token.update(function (text) {
    return core(fold(text))
  })
}

function stopWordFilter(token) {
  var text = token.toString()
  if (text && !isStopWord[text])
    return token
}

function core(word) {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")
}

/* Stop words are dropped while the reader has typed other words, except the last word,
   which may still be growing ("de" on the way to "devolución"); operators and quotes
   around a dropped word stay, and Material cleans up the ones left alone. */
function foldQuery(query) {
  var words = fold(query).split(/\s+/).filter(Boolean)
  var cores = words.map(core)
  var hasContent = cores.some(function (text) { return text && !isStopWord[text] })
  if (!hasContent)
    return words.join(" ")
  return words.map(function (word, index) {
    if (index === words.length - 1 || !isStopWord[cores[index]])
      return word
    return word.replace(cores[index], "")
  }).filter(Boolean).join(" ")
}

function teachSpanish() {
  var lunr = self.lunr
  if (!lunr || !lunr.es || lunr.es.bitacora)
    return
  lunr.Pipeline.registerFunction(trimmer, "trimmer-es-bitacora")
  lunr.Pipeline.registerFunction(stopWordFilter, "stopWordFilter-es-bitacora")
  lunr.es.trimmer = trimmer
  lunr.es.stopWordFilter = stopWordFilter
  lunr.es.bitacora = true
}

/* Material loads lunr's Spanish support with importScripts when the index is set up; the
   iframe-worker shim (site opened from disk) makes importScripts return a promise. */
var importScriptsOriginal = self.importScripts
self.importScripts = function () {
  var result = importScriptsOriginal.apply(self, arguments)
  if (result && typeof result.then === "function")
    return result.then(teachSpanish)
  teachSpanish()
  return result
}

/* Only the newest query is searched. Material asks at every key, and on a large site a
   search takes longer than a key: the queries of "a", "at", "ate"… would each be searched
   in turn before the reader's word. Material's message listener is kept aside; every
   other message reaches it at once, a query when the worker is free, if still the newest. */
var addEventListenerOriginal = self.addEventListener
var materialListeners = []
var newestQuery = null

function deliver(event) {
  materialListeners.forEach(function (listener) { listener.call(self, event) })
}

function searchNewest() {
  var event = newestQuery
  newestQuery = null
  deliver(event)
}

addEventListenerOriginal.call(self, "message", function (event) {
  if (event.data && event.data.type === QUERY && typeof event.data.data === "string") {
    event.data.data = foldQuery(event.data.data)
    if (newestQuery === null)
      setTimeout(searchNewest, 0) /* after the messages already waiting */
    newestQuery = event
    return
  }
  deliver(event)
})

self.addEventListener = function (type, listener, options) {
  if (type === "message")
    materialListeners.push(listener)
  else
    addEventListenerOriginal.call(self, type, listener, options)
}

importScriptsOriginal.call(self, MATERIAL_WORKER)
