"""Small list persons shared by the matching tests."""

from __future__ import annotations

import pytest

from ncbdesk.matching import NameInput, ScreeningIndex, Subject

KOLOKOLTSEV = Subject(
    id="ru-1",
    names=(NameInput(family="Колокольцев", given="Владимир", patronymic="Александрович"),),
    birth_dates=("1961-05-11",),
    nationalities=("RU",),
    sex="male",
    documents=("45 07 123456",),
)
RASHID = Subject(
    id="ar-1",
    names=(NameInput(full="محمد بن عبدالله الرشيد"),),
    birth_dates=("1980-03-02",),
    nationalities=("sy",),
    sex="male",
)
XI = Subject(id="zh-1", names=(NameInput(full="习近平"),), birth_dates=("1953-06-15",))
BERIDZE = Subject(id="ka-1", names=(NameInput(full="გიორგი ბერიძე"),), birth_dates=("1975-01-20",))
KHACHATRYAN = Subject(
    id="hy-1", names=(NameInput(full="Հովհաննես Խաչատրյան"),), birth_dates=("1982-09-30",)
)
ALIYEV = Subject(
    id="az-1", names=(NameInput(given="Elçin", family="Əliyev"),), birth_dates=("1979",)
)
IVANOV = Subject(
    id="ru-2",
    names=(NameInput(family="Иванов", given="Сергей", patronymic="Петрович"),),
    birth_dates=("1970-01-01",),
    nationalities=("RU",),
)
ABDULRAHMAN = Subject(
    id="ar-2",
    names=(NameInput(given="Khaled", family="Abd al-Rahman"),),
    birth_dates=("1990-07-07",),
)
LIST = (KOLOKOLTSEV, RASHID, XI, BERIDZE, KHACHATRYAN, ALIYEV, IVANOV, ABDULRAHMAN)


def query(full: str = "", dob: str = "", **fields: str) -> Subject:
    """A query subject with one name and an optional birth date."""
    return Subject(
        id="q", names=(NameInput(full=full, **fields),), birth_dates=(dob,) if dob else ()
    )


@pytest.fixture(scope="session")
def index() -> ScreeningIndex:
    return ScreeningIndex.build(LIST)
