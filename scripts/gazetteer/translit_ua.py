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
