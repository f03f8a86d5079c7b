SET standard_conforming_strings = off;
SELECT 'it\'s; still a string';
SET standard_conforming_strings TO 'on';
SELECT E'a\'b;c', B'1010', X'ff', U&'d\0061t\+000061', U&"d!0061t" UESCAPE '!', N'nat';
RESET standard_conforming_strings;
SELECT 'back to ''normal''';
SET SESSION standard_conforming_strings = of;
RESET ALL;
