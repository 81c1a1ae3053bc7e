"""Realistic name variety for the benchmark data: a million contacts with 900,000+ distinct full names.

Real first names from several countries, real surnames, and generated surnames built the way real
ones are (German compounds, Slavic, Italian, Spanish, Nordic, Dutch and Turkish endings), double
surnames ("Müller-Lüdenscheid", "García Márquez") and second first names ("Anna Maria"). Frequencies
fall off like real ones (a few common names, a long tail), with `random.Random` for repeatable data.
"""

import random

INTERNATIONAL_FIRST = """
Ahmet Mehmet Mustafa Emre Burak Can Cem Deniz Elif Zeynep Ayşe Fatma Emine Merve Selin Yusuf Hakan Murat
Piotr Paweł Krzysztof Tomasz Marcin Łukasz Agnieszka Katarzyna Małgorzata Magdalena Joanna Zofia Wojciech
Giuseppe Giovanni Francesco Alessandro Lorenzo Matteo Marco Luca Giulia Chiara Francesca Alessia Federica
José Juan Carlos Javier Miguel Alejandro Pablo Sergio Lucía Carmen Isabel Elena Pilar Rocío Mercedes Álvaro
João Pedro Tiago Gonçalo Inês Beatriz Mariana Catarina Rui Nuno Sérgio Conceição
Ivan Dmitri Sergei Alexei Nikolai Andrei Olga Tatiana Natalia Svetlana Irina Ekaterina Yulia Oksana
Mohammed Ali Omar Hassan Hussein Karim Tariq Samir Layla Fatima Aisha Mariam Noor Yasmin Rania Khaled
Arjun Rahul Vikram Rohan Aditya Priya Ananya Kavya Deepa Sunita Ravi Sanjay Amit Neha Pooja Anjali
Wei Li Jing Ming Hui Xin Yan Lei Jun Hao Mei Ling Chen Hiroshi Takashi Kenji Yuki Akiko Naoko Sakura Haruto
Lars Erik Anders Magnus Sven Nils Ingrid Astrid Sigrid Freya Maja Linnea Elin Saga Oskar Axel Henrik
Pieter Joost Sander Bram Thijs Daan Sanne Femke Lotte Anouk Eva Mirjam Willem Hendrik Jeroen Maarten
Jean Pierre Louis Antoine Nicolas Julien Mathieu Camille Chloé Manon Léa Inès Amélie Céline Aurélie Hélène
Dragan Milan Goran Zoran Nikola Stefan Jelena Ivana Marija Ana Milica Tamara Vesna Bojan Luka Marko
Siobhan Niamh Aoife Ciara Sinéad Declan Cormac Eoin Liam Seamus Padraig Fionn Oisín Róisín
Kofi Kwame Ama Abena Chinedu Ngozi Oluwaseun Adebayo Thandiwe Sipho Amara Zola Jabari Imani
""".split()  # noqa: SIM905 - a block of words reads better than a list literal

INTERNATIONAL_LAST = """
Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin Kara Koç
Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De Luca Costa
García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández Díaz
Silva Santos Ferreira Pereira Oliveira Rodrigues Martins Sousa Fernandes Gonçalves Gomes Lopes Marques
Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Lebedev
Khan Ahmed Hussain Rahman Ali Malik Hassan Abdullah Haddad Nasser Mansour Saleh Khalil Aziz Farouk
Patel Sharma Singh Kumar Gupta Reddy Iyer Nair Mehta Joshi Desai Shah Rao Pillai Chatterjee Banerjee
Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Luo Tanaka Suzuki Takahashi
Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura
Johansson Andersson Karlsson Nilsson Eriksson Larsson Olsson Persson Hansen Jensen Nielsen Pedersen
Jansen Visser Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Brouwer Dijkstra Bakker Janssen Vermeulen
Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel
Jovanović Petrović Nikolić Marković Đorđević Stojanović Ilić Stanković Pavlović Milošević Horvat Kovačević
Murphy Kelly Byrne Ryan Walsh Doyle McCarthy Gallagher Doherty Kennedy Lynch Murray Quinn Moore McLoughlin
Mensah Boateng Owusu Okafor Okonkwo Adeyemi Balogun Nkosi Dlamini Mokoena Mwangi Otieno Kamau Wanjiru
""".split()  # noqa: SIM905 - a block of words reads better than a list literal

ONSETS = ("B", "Br", "D", "Dr", "F", "G", "Gr", "H", "K", "Kr", "L", "M", "N", "P", "R", "S", "Sch", "St", "T",
          "V", "W", "Z", "Ch", "J", "Pl", "Tr")
VOWELS = ("a", "e", "i", "o", "u", "ä", "ö", "ü", "ei", "au", "ie", "ar", "er", "or", "an", "el", "in")
CODAS = ("", "n", "r", "l", "m", "s", "k", "t", "nd", "rn", "ld", "st", "ck", "tz", "ng", "rg")
ENDINGS = ("er", "mann", "ner", "ler", "inger", "huber", "rich", "hardt", "bach", "berg", "dorf", "feld",
           "ski", "ska", "wicz", "czyk", "ak", "enko", "ov", "ova", "ić", "etti", "ini", "elli", "ucci",
           "one", "ez", "es", "sson", "sen", "stad", "ström", "dijk", "hof", "ink", "oğlu", "can", "aki",
           "idis", "opoulos", "escu", "ey", "ton", "ford", "worth", "by", "ley")


def generated_surname(rng: random.Random) -> str:
    stem = rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
    if rng.random() < 0.35:
        stem += rng.choice(VOWELS)[-1] + rng.choice(CODAS)
    return stem + rng.choice(ENDINGS)


def surnames(rng: random.Random, base: list[str], count: int) -> list[str]:
    """Real surnames first (the common ones), then generated ones, `count` distinct in all."""
    names = list(dict.fromkeys(base + INTERNATIONAL_LAST))
    seen = set(names)
    while len(names) < count:
        name = generated_surname(rng)
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def first_names(rng: random.Random, base: list[str]) -> list[str]:
    names = list(dict.fromkeys(base + INTERNATIONAL_FIRST))
    rng.shuffle(names)
    return names


def zipf(count: int, offset: float, power: float) -> list[float]:
    """Cumulative weights 1 / (rank + offset) ** power: a few common names and a long tail."""
    total, cumulative = 0.0, []
    for rank in range(count):
        total += 1.0 / (rank + offset) ** power
        cumulative.append(total)
    return cumulative


class NameMaker:
    """Full names drawn with realistic frequencies: "Anna Schulz", "Anna Maria Yılmaz", "Jan Brandt-Okafor"."""

    def __init__(self, rng: random.Random, base_first: list[str], base_last: list[str], surname_count: int) -> None:
        self.rng = rng
        self.firsts = first_names(rng, base_first)
        self.lasts = surnames(rng, base_last, surname_count)
        self.first_weights = zipf(len(self.firsts), 15, 0.9)
        self.last_weights = zipf(len(self.lasts), 40, 0.75)

    def first(self) -> str:
        return self.rng.choices(self.firsts, cum_weights=self.first_weights)[0]

    def last(self) -> str:
        return self.rng.choices(self.lasts, cum_weights=self.last_weights)[0]

    def full(self) -> str:
        shape = self.rng.random()
        first = self.first()
        if shape < 0.10:
            first = f"{first} {self.first()}"  # a second first name
        last = self.last()
        if 0.10 <= shape < 0.16:
            last = f"{last}-{self.last()}"  # a double surname
        elif 0.16 <= shape < 0.19:
            last = f"{last} {self.last()}"  # two surnames, as in Spain
        return f"{first} {last}"
