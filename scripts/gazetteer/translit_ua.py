"""Ukrainian -> Latin romanisation following the official 2010 system
(Resolution of the Cabinet of Ministers of Ukraine No. 55 of 27 January 2010).
Written for sitrep from the published table: letters that have a separate
word-initial form (є ї й ю я) use it at the start of a word, "зг" is "zgh",
the soft sign and the apostrophe are dropped."""

_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "'": "", "’": "", "ʼ": "",
    # Russian letters occasionally present in names
    "ё": "e", "ы": "y", "э": "e", "ъ": "",
}
_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def romanize(text: str) -> str:
    out = []
    prev_letter = False
    lower = text.lower()
    for i, ch in enumerate(lower):
        orig = text[i]
        if ch == "г" and i > 0 and lower[i - 1] == "з":
            piece = "gh"
        elif not prev_letter and ch in _INITIAL:
            piece = _INITIAL[ch]
        elif ch in _TABLE:
            piece = _TABLE[ch]
        else:
            piece = ch
        if orig != ch and piece:  # keep capitalisation of the source letter
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
        prev_letter = ch.isalpha() or ch in "'’ʼ"
    return "".join(out)


if __name__ == "__main__":
    for w in ["Згорани", "Розгон", "Алушта", "Борщагівка", "Вінниця", "Гадяч", "Ґалаґан", "Донецьк",
              "Рівне", "Єнакієве", "Житомир", "Закарпаття", "Медвин", "Яготин", "Іршава", "Їжакевич",
              "Кадиївка", "Йосипівка", "Стрий", "Олексій", "Київ", "Харків", "Куп'янськ", "Щербухи",
              "Юрій", "Корюківка", "Яготин", "Ічня", "Харківська", "Роботине", "Кліщіївка"]:
        print(w, romanize(w))


# ---- spellings English-language news uses besides the official romanisation -----------
#
# The KMU-55 romanisation above is what the codifier and GeoNames give; reports write the
# same names in other systems. sitrep's normaliser already folds y/i (Kupyansk/Kupiansk),
# kh/h, doubled letters (Avdiyivka/Avdiivka) and ie/i, so only the differences it cannot
# fold are generated here, each a rule over the letters of a name, never a listed name:
#   * "zhzh" for "жж" written "zh" (Zaporizhzhia/Zaporizhia);
#   * "г" as "g" (the pre-1996 and Russian-style system: Hulyaipole/Gulyaipole);
#   * a hyphenated name written as one word (Huliai-Pole/Huliaipole) and the reverse is
#     handled at scan time (sitrep-gazetteer/src/lib.rs);
#   * the Russian form of the adjectival and -ivka endings that reports from Russian
#     sources use: -ske/-skoye/-skoe (Pokrovske/Pokrovskoye), -ne/-noye/-noe
#     (Levadne/Levadnoye), -ve/-vo (Kurakhove/Kurakhovo), -ivka/-ovka
#     (Novoselivka/Novoselovka), -iivka/-eyevka/-eevka (Andriivka/Andreyevka).
# Ukrainian "-ske" is never rewritten as "-sk": Maiorske (Odesa oblast) and Maiorsk
# (Donetsk oblast) are two places.

_ENDINGS = (
    ("iivka", ("eyevka", "eevka")),
    ("ivka", ("ovka",)),
    ("ske", ("skoye", "skoe")),
    ("ne", ("noye", "noe")),
    ("ve", ("vo",)),
)


def _ending_variants(word):
    low = word.lower()
    for end, repl in _ENDINGS:
        if low.endswith(end) and len(low) > len(end) + 2:
            return [word[: len(word) - len(end)] + r for r in repl]
    return []


def variants(latin, cyrillic=None):
    """Other spellings English-language reports give the Ukrainian name `latin` (its
    official romanisation; `cyrillic` the codifier's name, when known). Returns a list
    without `latin` itself."""
    out = []
    forms = [latin]
    if cyrillic:
        g = romanize(cyrillic.replace("г", "ґ").replace("Г", "Ґ"))
        if g != latin:
            forms.append(g)
    for f in list(forms):
        if "zhzh" in f.lower():
            forms.append(f.replace("zhzh", "zh").replace("Zhzh", "Zh"))
    for f in list(forms):
        if "-" in f and " " not in f:
            forms.append(f[0] + f[1:].replace("-", "").lower())
    for f in list(forms):
        words = f.split(" ")
        # the ending of the first word of "Zhelanne Druhe", or of a one-word name
        for k in range(len(words)):
            for v in _ending_variants(words[k]):
                forms.append(" ".join(words[:k] + [v] + words[k + 1:]))
            if words[k][:1].islower():
                break
    seen = {latin}
    for f in forms:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out
