do local d = os.date("!*t", 0) print(0, d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday) end
do local d = os.date("!*t", 86399) print(86399, d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday) end
do local d = os.date("!*t", 951782400) print(951782400, d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday) end
do local d = os.date("!*t", 1000000000) print(1000000000, d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday) end
do local d = os.date("!*t", 1234567890) print(1234567890, d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday) end
do local d = os.date("!*t", 2000000000) print(2000000000, d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday) end
do local d = os.date("!*t", -86400) print(-86400, d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday) end
do local d = os.date("!*t", 68256000) print(68256000, d.year, d.month, d.day, d.hour, d.min, d.sec, d.wday, d.yday) end
