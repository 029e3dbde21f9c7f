from core import *

story('riverbend-shooting', 'Shooting outside a bar on Maple Street, Riverbend, Ind.: two men killed, three (later four) wounded (8-10 March 2025)')
story('pinecrest-shooting', 'Shooting at an apartment complex on Elm Court, Pinecrest, Ind.: a 17-year-old killed, a woman wounded (20-21 March 2025)')

RD1 = art('riverbend-shooting-0309', 'outlets/local_us.jsonl.gz', 'Riverbend Daily',
 'https://www.riverbenddaily.example/news/crime/two-killed-three-wounded-maple-street-shooting/article_5e1c.html',
 '2025-03-09', 'Two killed, three wounded in shooting outside Maple Street bar', """
RIVERBEND, Ind. — Two men were killed and three other people were wounded in a shooting outside a bar in the 1400 block of Maple Street late Saturday, police said.

Officers were called to the Lantern Tap at about 11:40 p.m. on reports of shots fired and found five people with gunshot wounds in the parking lot, Riverbend Police Sgt. Dana Whitlock said.

Marcus Hale, 24, of Riverbend, and Jordan Pike, 31, of Carver, were pronounced dead at the scene. The wounded — a 19-year-old woman and two men, ages 22 and 27 — were taken to St. Anne's Medical Center. Their conditions were not released Sunday.

Stay informed with the latest headlines; sign up for our daily newsletter

Investigators recovered more than 20 shell casings from at least two weapons, a 9mm handgun and a .40-caliber pistol, Whitlock said.

"This was not a random act. Somebody came here looking for someone," Whitlock said. "We are asking anyone who was in that parking lot to call us."

No arrests had been made as of Sunday afternoon. The shooting was the city's fourth homicide of 2025.

Anyone with information is asked to call Riverbend Crime Stoppers at 555-0142.

Copyright 2025 Riverbend Daily. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.
""", 'riverbend-shooting', 'original',
 junk=['newsletter prompt "Stay informed with the latest headlines; sign up for our daily newsletter"',
       'copyright line "Copyright 2025 Riverbend Daily. All rights reserved. This material may not be..."', 'dateline "RIVERBEND, Ind. —"'],
 notes='original local report')

art('wkrv-shooting-riverbend-0309', 'outlets/local_us.jsonl.gz', 'WKRV News 9',
 'https://www.wkrv9.example/news/local/riverbend-maple-street-shooting-fourth-victim',
 '2025-03-09', 'Fourth person wounded in Riverbend bar shooting, police say', """
RIVERBEND, Ind. (WKRV) — Police now say four people were wounded and two men killed in a shooting in the parking lot of a Maple Street bar late Saturday.

A fourth victim, a 35-year-old man, walked into St. Anne's Medical Center early Sunday with a gunshot wound to the leg, Sgt. Dana Whitlock said.

The men who died were identified as Marcus Hale, 24, and Jordan Pike, 31.

"This wasn't random. Somebody came here looking for somebody," Whitlock told WKRV News 9.

Witnesses told WKRV they heard at least a dozen shots shortly before midnight.

Police have not made an arrest.

Download the WKRV News 9 app for breaking news alerts.

Copyright 2025 WKRV. All rights reserved.
""", 'riverbend-shooting', 'original',
 junk=['app prompt "Download the WKRV News 9 app for breaking news alerts."', 'copyright line', 'dateline "RIVERBEND, Ind. (WKRV) —" (outlet self-mention)'],
 notes='independent TV report, later the same day: four wounded (vs three in the Riverbend Daily)')

art('harlow-shooting-riverbend-0309', 'outlets/local_us.jsonl.gz', 'Harlow County Sentinel',
 'https://harlowsentinel.example/2025/03/09/two-dead-in-riverbend-shooting/',
 '2025-03-09', 'Two dead, three hurt in Riverbend shooting', derive(RD1, subs=[
   ("RIVERBEND, Ind. — Two men were killed", "RIVERBEND — Two men were killed"),
   ("Their conditions were not released Sunday.", "Their conditions were not released."),
  ], drop=["\n\nStay informed with the latest headlines; sign up for our daily newsletter",
           "\n\nCopyright 2025 Riverbend Daily. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."],
  append="\n\nThis story was first reported by the Riverbend Daily.\n\nLeave a Comment\n\n3 Comments\n\nDeb Sorensen\nPraying for those families. That parking lot has been trouble for years.\n\nR. Gaines\nFourth one this year and it's only March.\n\nHarlowMom77\nWhere are the cameras the council promised?"),
 'riverbend-shooting', 'copy', 'riverbend-shooting-0309',
 junk=['credit line "This story was first reported by the Riverbend Daily."', '"Leave a Comment" prompt',
       'comment section after the "3 Comments" header'],
 notes='copy of the Riverbend Daily report with the junk swapped for its own')

art('riverbend-shooting-0310', 'outlets/local_us.jsonl.gz', 'Riverbend Daily',
 'https://www.riverbenddaily.example/news/crime/man-charged-maple-street-shooting/article_7a03.html',
 '2025-03-10', 'Carver man charged with murder in Maple Street shooting', """
By Kelsey Dunn

RIVERBEND, Ind. — A 22-year-old Carver man was charged Monday with two counts of murder in the shooting that killed two men outside the Lantern Tap on Saturday night.

Devon Lyle was arrested Sunday evening at a relative's home on County Road 400 East, police said. He is also charged with four counts of attempted murder, one for each person who was wounded.

According to a probable cause affidavit, Lyle had argued with Pike inside the bar about a debt of $300 shortly before the shooting.

Lyle is being held without bond in the Harlow County Jail. His initial hearing is set for Wednesday.

You may also like

Riverbend council to vote on downtown cameras
Carver High School wins sectional title
""", 'riverbend-shooting', 'original',
 junk=['byline "By Kelsey Dunn"', '"You may also like" block with two headlines'],
 notes='follow-up: arrest and charges; "four counts of attempted murder" implies four wounded')

art('riverbend-vigil', 'texts/riverbend-vigil.txt', None, None, None, 'Hundreds gather to remember Maple Street shooting victims', """
Hundreds gather to remember Maple Street shooting victims

Several hundred people gathered in Founders Park on Monday evening to remember Marcus Hale and Jordan Pike, the two men killed in Saturday's shooting outside a Riverbend bar.

Hale, 24, coached a youth basketball team at the Eastside Community Center. Pike, 31, had moved to Carver from Ohio in 2021 and worked at the Harlow grain elevator.

"Marcus never met a kid he wouldn't help," said his aunt, Loretta Hale. "He should be here."

Four other people were wounded in the shooting. One of them, a 19-year-old woman, remained in serious condition Monday, a hospital spokesperson said.

Photos: Candles at Founders Park on Monday evening.
Photos: Candles at Founders Park on Monday evening.

Share this story: Facebook Twitter Email
""", 'riverbend-shooting', 'original',
 junk=['photo caption line repeated twice', 'share prompt "Share this story: ..."'],
 notes='.txt file; vigil report (no source or date)')

PJ = art('pinecrest-journal-shooting-0321', 'outlets/local_us.jsonl.gz', 'Pinecrest Journal',
 'https://pinecrestjournal.example/news/teen-killed-woman-wounded-elm-court-shooting',
 '2025-03-21', 'Teen killed, woman wounded in Elm Court apartment shooting', """
PINECREST, Ind. — A 17-year-old boy was killed and a 45-year-old woman was wounded in a shooting at an apartment complex in the 200 block of Elm Court on Thursday evening, Pinecrest police said.

Officers found the teen, Tyler Voss, in a stairwell shortly after 7 p.m. He died at the scene. The woman, who lived in the building, was hit in the arm by a bullet that came through her door and was treated at Harlow Regional Hospital, Lt. Ray Osei said.

A 20-year-old man was taken into custody about an hour later and a .22-caliber rifle was recovered from a car parked nearby, Osei said.

"We believe the two young men knew each other, and we do not think anyone else is in danger," Osei said.

Stay informed with the latest headlines; sign up for our newsletter

Tyler was a junior at Pinecrest High School. The school said counselors would be available on Friday.

You may also like

Elm Court residents ask for more lighting
Pinecrest spring road work begins Monday
""", 'pinecrest-shooting', 'original',
 junk=['newsletter prompt "Stay informed with the latest headlines; sign up for our newsletter"', '"You may also like" block', 'dateline "PINECREST, Ind. —"'],
 notes='original local report')

art('harlow-shooting-pinecrest-0321', 'outlets/local_us.jsonl.gz', 'Harlow County Sentinel',
 'https://harlowsentinel.example/2025/03/21/pinecrest-teen-killed/',
 '2025-03-21', 'Pinecrest teen shot dead; suspect, 20, arrested', """
PINECREST — A Pinecrest High School junior was shot and killed Thursday night at the Elm Court apartments, and a woman inside her apartment was struck by a stray bullet, police said.

Tyler Voss, 17, was found in a stairwell just after 7 p.m. The 45-year-old woman suffered a wound to her arm that was not life-threatening.

Police arrested a 20-year-old man within the hour. Lt. Ray Osei said the two knew each other. "We don't believe anyone else is at risk," he said.

Police did not release the name of the suspect, who is expected to be charged on Friday.

Copyright 2025 Harlow County Sentinel. All rights reserved.
""", 'pinecrest-shooting', 'rewrite', 'pinecrest-journal-shooting-0321',
 junk=['copyright line', 'dateline "PINECREST —"'],
 notes='rewrite of the Pinecrest Journal report in other words; same facts, Osei quote reworded')

art('wkrv-shooting-pinecrest-0320', 'outlets/local_us.jsonl.gz', 'WKRV News 9',
 'https://www.wkrv9.example/news/local/pinecrest-elm-court-shooting',
 '2025-03-20', 'Police: 1 dead, 1 hurt in Pinecrest apartment shooting', """
PINECREST, Ind. (WKRV) — One person is dead and another hurt after a shooting at an apartment complex on Elm Court on Thursday evening, police said.

It is the second deadly shooting in Harlow County this month, less than two weeks after two men were killed outside a Riverbend bar.

Pinecrest police said a suspect was in custody. The name of the victim has not been released.

WKRV News 9 has a crew at the scene and will update this story.

Download the WKRV News 9 app for breaking news alerts.

Copyright 2025 WKRV. All rights reserved.
""", 'pinecrest-shooting', 'original',
 junk=['app prompt', 'copyright line', 'dateline with self-mention "(WKRV)"'],
 notes='first brief; mentions the Riverbend shooting in one sentence (a trap for clustering)')

art('pinecrest-shooting-arrest', 'texts/pinecrest-shooting-arrest.txt', None, None, None, 'Teen killed, woman wounded in Elm Court apartment shooting', derive(PJ, subs=[
   ("PINECREST, Ind. — A 17-year-old boy", "Teen killed, woman wounded in Elm Court apartment shooting\n\nPINECREST, Ind. — A 17-year-old boy"),
  ], drop=["\n\nStay informed with the latest headlines; sign up for our newsletter",
           "\n\nYou may also like\n\nElm Court residents ask for more lighting\nPinecrest spring road work begins Monday"],
  append="\n\nDo you like this article?\n\nThis article has been adapted from its original source."),
 'pinecrest-shooting', 'copy', 'pinecrest-journal-shooting-0321',
 junk=['"Do you like this article?" prompt', '"This article has been adapted from its original source."'],
 notes='.txt file; verbatim copy of the Pinecrest Journal report with other junk')
