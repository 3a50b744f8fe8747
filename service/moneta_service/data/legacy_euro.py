"""The irrevocably fixed conversion rates of the legacy euro-area currencies (units of the currency per 1 EUR).

Source: Council Regulation (EC) No 2866/98 of 31 December 1998 on the conversion rates between the euro and
the currencies of the Member States adopting the euro, and the Council Regulations amending it for each later
member (cited per row). The rates have six significant figures and, by Council Regulation (EC) No 1103/97
(article 4), convert between a national currency and the euro by division or multiplication only (no inverse
rate), and between two national currencies through the euro.

Each row: ISO 4217 code -> (rate per 1 EUR as a decimal string, date from which the rate applies (the euro
adoption date), the regulation that fixed it).
"""

from __future__ import annotations

import datetime as dt

__all__ = ["FIXED_EURO_RATES"]

_REG_1998 = "Council Regulation (EC) No 2866/98 of 31 December 1998"
_EURO_1999 = dt.date(1999, 1, 1)

FIXED_EURO_RATES: dict[str, tuple[str, dt.date, str]] = {
    "BEF": ("40.3399", _EURO_1999, _REG_1998),
    "DEM": ("1.95583", _EURO_1999, _REG_1998),
    "ESP": ("166.386", _EURO_1999, _REG_1998),
    "FRF": ("6.55957", _EURO_1999, _REG_1998),
    "IEP": ("0.787564", _EURO_1999, _REG_1998),
    "ITL": ("1936.27", _EURO_1999, _REG_1998),
    "LUF": ("40.3399", _EURO_1999, _REG_1998),
    "NLG": ("2.20371", _EURO_1999, _REG_1998),
    "ATS": ("13.7603", _EURO_1999, _REG_1998),
    "PTE": ("200.482", _EURO_1999, _REG_1998),
    "FIM": ("5.94573", _EURO_1999, _REG_1998),
    "GRD": ("340.750", dt.date(2001, 1, 1), "Council Regulation (EC) No 1478/2000 of 19 June 2000"),
    "SIT": ("239.640", dt.date(2007, 1, 1), "Council Regulation (EC) No 1086/2006 of 11 July 2006"),
    "CYP": ("0.585274", dt.date(2008, 1, 1), "Council Regulation (EC) No 1135/2007 of 10 July 2007"),
    "MTL": ("0.429300", dt.date(2008, 1, 1), "Council Regulation (EC) No 1134/2007 of 10 July 2007"),
    "SKK": ("30.1260", dt.date(2009, 1, 1), "Council Regulation (EC) No 694/2008 of 8 July 2008"),
    "EEK": ("15.6466", dt.date(2011, 1, 1), "Council Regulation (EU) No 671/2010 of 13 July 2010"),
    "LVL": ("0.702804", dt.date(2014, 1, 1), "Council Regulation (EU) No 870/2013 of 9 July 2013"),
    "LTL": ("3.45280", dt.date(2015, 1, 1), "Council Regulation (EU) No 851/2014 of 23 July 2014"),
    "HRK": ("7.53450", dt.date(2023, 1, 1), "Council Regulation (EU) 2022/1208 of 12 July 2022"),
    "BGN": ("1.95583", dt.date(2026, 1, 1), "Council Regulation (EU) 2025/1407 of 8 July 2025"),
}
