#pragma once
/// Built-in data of labelgen-synth: LEAs (real 2024–25 RSVP and Form 2 second-scoring LEAs
/// from seed 004, plus fictional unselected ones), their schools, and name pools.
///
/// LEA codes and names of selected LEAs are the real ones from the seed document. The 7-digit
/// school parts of district schools, the school names, the charter numbers and every
/// unselected LEA are made up: plausible, not authoritative.
#include <array>
#include <span>
#include <string_view>

namespace lg::synth {

enum class Program { Rsvp, Form2, None };

struct SchoolDef {
  std::string_view code7;  ///< school part of the CDS code
  std::string_view name;
};

struct LeaDef {
  Program program;
  std::string_view cds;             ///< 14 digits; district LEAs end in 0000000
  std::string_view name;            ///< as the seed lists it (without the code)
  double weight;                    ///< relative enrolment, for picking LEAs
  std::string_view charter_number;  ///< charter LEAs only (made up)
  std::span<const SchoolDef> schools;  ///< district LEAs only; charters are their own school
};

namespace schools {
inline constexpr std::array<SchoolDef, 4> abc{{{"6011975", "Aloha Elementary"},
                                               {"6011983", "Cerritos Elementary"},
                                               {"6012007", "Elliott Elementary"},
                                               {"6012049", "Niemes Elementary"}}};
inline constexpr std::array<SchoolDef, 5> sdusd{{{"6037998", "Balboa Elementary"},
                                                 {"6038137", "Cherokee Point Elementary"},
                                                 {"6112536", "Rosa Parks Elementary"},
                                                 {"6039523", "Dr. Martin Luther King, Jr. Elementary"},
                                                 {"6110910", "César E. Chávez Elementary"}}};
inline constexpr std::array<SchoolDef, 3> burbank{{{"6012890", "Bret Harte Elementary"},
                                                   {"6012916", "Joaquin Miller Elementary"},
                                                   {"6012932", "Thomas Edison Elementary"}}};
inline constexpr std::array<SchoolDef, 3> chino{{{"6035210", "Borba Elementary"},
                                                 {"6035228", "Dickson Elementary"},
                                                 {"6111967", "Rolling Ridge Elementary"}}};
inline constexpr std::array<SchoolDef, 3> napa{{{"6026744", "Napa Junction Elementary"},
                                                {"6026769", "Shearer Elementary"},
                                                {"6114672", "Pueblo Vista Magnet"}}};
inline constexpr std::array<SchoolDef, 4> sjusd{{{"6047641", "Washington Elementary"},
                                                 {"6047658", "Gardner Academy"},
                                                 {"6047682", "Horace Mann Elementary"},
                                                 {"6047716", "Empire Gardens Elementary"}}};
inline constexpr std::array<SchoolDef, 3> montebello{{{"6018857", "Bella Vista Elementary"},
                                                      {"6018865", "Greenwood Elementary"},
                                                      {"6018899", "La Merced Elementary"}}};
inline constexpr std::array<SchoolDef, 3> ontario{{{"6036010", "Arroyo Elementary"},
                                                   {"6036036", "Del Norte Elementary"},
                                                   {"6036077", "Misión Elementary"}}};
inline constexpr std::array<SchoolDef, 1> liberty_tulare{{{"6053912", "Liberty Elementary"}}};
inline constexpr std::array<SchoolDef, 2> liberty_sonoma{{{"6051437", "Liberty Elementary"},
                                                          {"6120018", "Liberty Primary"}}};
inline constexpr std::array<SchoolDef, 2> arcata{{{"6008239", "Arcata Elementary"},
                                                  {"6008247", "Sunny Brae Middle"}}};
inline constexpr std::array<SchoolDef, 3> atascadero{{{"6043186", "Monterey Road Elementary"},
                                                      {"6043194", "San Gabriel Elementary"},
                                                      {"6043210", "Santa Rosa Road Academic Academy"}}};
inline constexpr std::array<SchoolDef, 3> banning{{{"6032049", "Central Elementary"},
                                                   {"6032056", "Hemmerling Elementary"},
                                                   {"6032064", "Hoffer Elementary"}}};
inline constexpr std::array<SchoolDef, 4> vacaville{{{"6049563", "Alamo Elementary"},
                                                     {"6049571", "Browns Valley Elementary"},
                                                     {"6049589", "Cooper Elementary"},
                                                     {"6049605", "Padan Elementary"}}};
inline constexpr std::array<SchoolDef, 3> ukiah{{{"6025886", "Calpella Elementary"},
                                                 {"6025894", "Nokomis Elementary"},
                                                 {"6025910", "Yokayo Elementary"}}};
inline constexpr std::array<SchoolDef, 1> nicasio{{{"6024066", "Nicasio"}}};
// Fictional unselected districts.
inline constexpr std::array<SchoolDef, 4> valle_lindo{{{"6999011", "Valle Lindo Elementary"},
                                                       {"6999029", "Bell Gardens Park Elementary"},
                                                       {"6999037", "Florence Nightingale Primary"},
                                                       {"6999045", "Los Niños Early Learning Center"}}};
inline constexpr std::array<SchoolDef, 2> sierra_pines{{{"6999102", "Sierra Pines Elementary"},
                                                        {"6999110", "Coloma Road Elementary"}}};
inline constexpr std::array<SchoolDef, 3> rio_bravo{{{"6999201", "Rio Bravo Elementary"},
                                                     {"6999219", "Greenfield Primary"},
                                                     {"6999227", "Buttonwillow Road Elementary"}}};
inline constexpr std::array<SchoolDef, 3> costa_serena{{{"6999300", "Costa Serena Elementary"},
                                                        {"6999318", "Harbor View Elementary"},
                                                        {"6999326", "Westminster Gardens Elementary"}}};
inline constexpr std::array<SchoolDef, 2> oak_hollow{{{"6999409", "Oak Hollow Elementary"},
                                                      {"6999417", "Quail Run Elementary"}}};
}  // namespace schools

// clang-format off
inline constexpr std::array<LeaDef, 30> kLeas{{
  // RSVP (Form 1, K–2), from the seed's first list.
  {Program::Rsvp, "19642120000000", "ABC Unified", 3.0, "", schools::abc},
  {Program::Rsvp, "19647330100743", "Accelerated Charter Elementary", 0.5, "0435", {}},
  {Program::Rsvp, "37683380000000", "San Diego Unified", 8.0, "", schools::sdusd},
  {Program::Rsvp, "19643370000000", "Burbank Unified", 2.0, "", schools::burbank},
  {Program::Rsvp, "36676780000000", "Chino Valley Unified", 2.5, "", schools::chino},
  {Program::Rsvp, "28662660000000", "Napa Valley Unified", 2.0, "", schools::napa},
  {Program::Rsvp, "43696660000000", "San Jose Unified", 4.0, "", schools::sjusd},
  {Program::Rsvp, "19648080000000", "Montebello Unified", 2.5, "", schools::montebello},
  {Program::Rsvp, "36678190000000", "Ontario-Montclair", 2.5, "", schools::ontario},
  {Program::Rsvp, "43104390119024", "Rocketship Si Se Puede Academy", 0.4, "1121", {}},
  {Program::Rsvp, "19647330127670", "KIPP Iluminar Academy", 0.4, "1845", {}},
  {Program::Rsvp, "37683380109157", "Magnolia Science Academy San Diego", 0.3, "0992", {}},
  // The same name twice with different codes, as in the seed.
  {Program::Rsvp, "54719850000000", "Liberty Elementary", 0.3, "", schools::liberty_tulare},
  {Program::Rsvp, "49707970000000", "Liberty Elementary", 0.3, "", schools::liberty_sonoma},
  // Names that themselves contain parentheses.
  {Program::Rsvp, "37680236037956", "Feaster (Mae L.) Charter", 0.5, "0057", {}},
  {Program::Rsvp, "19647330135509", "Gabriella Charter (2)", 0.3, "1963", {}},
  // Form 2 second scoring (kindergarten), the seed's second list.
  {Program::Form2, "12626790000000", "Arcata Elementary", 0.4, "", schools::arcata},
  {Program::Form2, "40687000000000", "Atascadero Unified", 1.2, "", schools::atascadero},
  {Program::Form2, "19647330122622", "Aspire Firestone Academy Charter", 0.4, "1434", {}},
  {Program::Form2, "33669850000000", "Banning Unified", 1.0, "", schools::banning},
  {Program::Form2, "48705730000000", "Vacaville Unified", 1.8, "", schools::vacaville},
  {Program::Form2, "23656150000000", "Ukiah Unified", 1.0, "", schools::ukiah},
  {Program::Form2, "01100176001788", "Cox Academy", 0.4, "0755", {}},
  {Program::Form2, "21654090000000", "Nicasio", 0.1, "", schools::nicasio},
  // Not selected: fictional LEAs with made-up district codes.
  {Program::None, "19765010000000", "Valle Lindo Unified", 3.0, "", schools::valle_lindo},
  {Program::None, "09619990000000", "Sierra Pines Joint Elementary", 1.0, "", schools::sierra_pines},
  {Program::None, "15739990000000", "Rio Bravo Union Elementary", 1.5, "", schools::rio_bravo},
  {Program::None, "30739980000000", "Costa Serena Unified", 2.0, "", schools::costa_serena},
  {Program::None, "43739970000000", "Oak Hollow Elementary", 1.0, "", schools::oak_hollow},
  {Program::None, "19765010139990", "Horizonte Bilingual Charter", 0.5, "2417", {}},
}};
// clang-format on

/// One cultural name pool. Weights are relative shares of students.
struct NamePool {
  std::string_view id;
  double weight;
  std::span<const std::string_view> last;
  std::span<const std::string_view> first;
  std::span<const std::string_view> middle;
  double middle_share;    ///< students with a middle name
  double compound_share;  ///< two surnames ("García López"); hyphenated a fifth of the time
};

namespace pools {
inline constexpr std::array<std::string_view, 60> es_last{
    "García", "Hernández", "López", "Martínez", "González", "Rodríguez", "Pérez", "Sánchez",
    "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Reyes",
    "Gutiérrez", "Ortiz", "Chávez", "Ruiz", "Jiménez", "Mendoza", "Álvarez", "Castillo",
    "Vásquez", "Romero", "Muñoz", "Ibáñez", "Núñez", "Peña", "Domínguez", "Méndez", "Aguilar",
    "Vargas", "Zúñiga", "Guzmán", "Medina", "Herrera", "Cervantes", "Ordóñez", "Quiñónez",
    "Argüello", "Sigüenza", "Espinoza", "Acuña", "De la Cruz", "De León", "Del Río",
    "De la Torre", "Villaseñor", "Valenzuela", "Avendaño", "Castañeda", "Solís", "Ríos",
    "Ávila", "Marín", "Beltrán", "Salazar"};
inline constexpr std::array<std::string_view, 50> es_first{
    "José", "María", "Sofía", "Mateo", "Santiago", "Camila", "Valentina", "Ximena", "Diego",
    "Andrés", "Iván", "Jesús", "Ángel", "Julián", "Emiliano", "Sebastián", "Lucía", "Nicolás",
    "Martín", "Joaquín", "Daniela", "Guadalupe", "Ana Sofía", "María José", "Juan Pablo",
    "Luz María", "Mía", "Leonardo", "Alejandro", "Rubén", "Raúl", "Ramón", "Inés", "Belén",
    "Dulce", "Yaretzi", "Itzel", "Xóchitl", "Citlali", "Noemí", "Zoé", "Renata", "Gael",
    "Iker", "Aitana", "Begoña", "Maximiliano", "Regina", "Fátima", "Efraín"};
inline constexpr std::array<std::string_view, 14> es_middle{
    "Alejandro", "Guadalupe", "de Jesús", "José", "María", "Isabel", "Fernanda", "Andrés",
    "Elena", "Rocío", "Ángel", "Inés", "Tomás", "del Carmen"};

inline constexpr std::array<std::string_view, 17> vi_last{
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
    "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương"};
inline constexpr std::array<std::string_view, 20> vi_first{
    "Thảo", "Minh Anh", "Quốc Bảo", "Ngọc Ánh", "Khánh Linh", "Bảo Ngọc", "Gia Huy",
    "Đức Minh", "Thiên Ân", "Tuấn", "Hương", "Phương Thảo", "Hải Đăng", "An", "Nhật Minh",
    "Mỹ Duyên", "Trâm", "Uyên", "Khôi", "Vy"};
inline constexpr std::array<std::string_view, 8> vi_middle{
    "Thị", "Văn", "Ngọc", "Minh", "Hữu", "Thanh", "Đình", "Quang"};

inline constexpr std::array<std::string_view, 20> fil_last{
    "Dela Cruz", "Santos", "Reyes", "Bautista", "Macapagal", "Villanueva", "Ramos", "Aquino",
    "Castillo", "Dimaculangan", "Pangilinan", "Magbanua", "Del Rosario", "Manalo", "Soriano",
    "De Guzman", "Tolentino", "Mercado", "Dizon", "Lacson"};
inline constexpr std::array<std::string_view, 16> fil_first{
    "Jose Miguel", "Angelica", "Mark Anthony", "Kristine Joy", "Jerome", "Princess", "Angelo",
    "Althea", "Ma. Cristina", "Jhon Paul", "Nicole", "Rhea Mae", "Joshua", "Jasmine",
    "Gabriel", "Bea"};
inline constexpr std::array<std::string_view, 8> fil_middle{
    "Santos", "Reyes", "Ocampo", "Cruz", "Lopez", "Navarro", "Salonga", "Perez"};

inline constexpr std::array<std::string_view, 22> zh_last{
    "Wang", "Li", "Zhang", "Chen", "Liu", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xiao",
    "Lin", "Chan", "Wong", "Ng", "Lǚ", "Lü", "Xú", "Zhāng", "Guo", "Tsai", "Leung"};
inline constexpr std::array<std::string_view, 22> zh_first{
    "Wei", "Yichen", "Zihan", "Haoyu", "Xinyi", "Mingze", "Jiaxin", "Ruoxi", "Yǔxuān",
    "Zǐhán", "Ethan", "Chloe", "Kevin", "Emily", "Jayden", "Yuki", "Hào", "Shu-fen",
    "Ka Wai", "Tsz Ching", "Ruì", "Lingling"};
inline constexpr std::array<std::string_view, 4> zh_middle{"Wei", "Jun", "Mei", "Xiang"};

inline constexpr std::array<std::string_view, 16> hy_last{
    "Hakobyan", "Petrosyan", "Sargsyan", "Ter-Petrosyan", "Grigoryan", "Avetisyan",
    "Harutyunyan", "Karapetyan", "Hovhannisyan", "Ghazaryan", "Mkrtchyan", "Vardanyan",
    "Der-Bedrosian", "Ter-Grigoryan", "Simonyan", "Galstyan"};
inline constexpr std::array<std::string_view, 14> hy_first{
    "Aram", "Narek", "Ani", "Mariam", "Davit", "Tigran", "Arpi", "Lilit", "Hayk", "Gor",
    "Anahit", "Sevak", "Nareh", "Arev"};
inline constexpr std::array<std::string_view, 4> hy_middle{"Hovik", "Armen", "Sona", "Vahe"};

inline constexpr std::array<std::string_view, 16> ar_last{
    "Al-Hassan", "Abdel-Rahman", "Al-Sayed", "Haddad", "Khoury", "Mansour", "Nasser",
    "Al-Amin", "El-Masri", "Saleh", "Hamdan", "Ibrahim", "Yousef", "Abdullah", "Al-Najjar",
    "Abou-Zeid"};
inline constexpr std::array<std::string_view, 14> ar_first{
    "Omar", "Yusuf", "Layla", "Mariam", "Ahmad", "Fatima", "Zaynab", "Hamza", "Noor",
    "Amira", "Karim", "Rania", "Jana", "Ali"};
inline constexpr std::array<std::string_view, 4> ar_middle{"Mohammed", "Ahmad", "Khalil", "Sami"};

inline constexpr std::array<std::string_view, 13> ko_last{
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin", "Oh"};
inline constexpr std::array<std::string_view, 12> ko_first{
    "Min-jun", "Seo-yeon", "Ji-woo", "Ha-eun", "Do-yun", "Seo-jun", "Ye-jin", "Joon",
    "Soo-ah", "Daniel", "Grace", "Hyun-woo"};
inline constexpr std::array<std::string_view, 3> ko_middle{"Hyun", "Min", "Soo"};

inline constexpr std::array<std::string_view, 36> en_last{
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
    "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark",
    "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "O'Connor",
    "O'Brien", "McDonald", "MacArthur", "D'Angelo", "St. James", "Van der Berg", "Smith-Jones",
    "Müller", "Lefèvre"};
inline constexpr std::array<std::string_view, 30> en_first{
    "Liam", "Olivia", "Noah", "Emma", "Oliver", "Ava", "Elijah", "Charlotte", "James",
    "Amelia", "William", "Harper", "Mason", "Evelyn", "Lucas", "Abigail", "Zoë", "Chloé",
    "Renée", "Aiden", "Mary Kate", "Jean-Luc", "Benoît", "Björn", "Siobhán", "Seán", "Hannah",
    "Wyatt", "Nora", "Eli"};
inline constexpr std::array<std::string_view, 10> en_middle{
    "Rose", "James", "Grace", "Michael", "Marie", "Lee", "Ann", "Alexander", "J.", "Elizabeth"};

inline constexpr std::array<std::string_view, 32> other_last{
    "N'Diaye", "Okafor", "Adeyemi", "Mensah", "Diallo", "Nwosu", "Tesfaye", "Haile", "Kebede",
    "Patel", "Singh", "Kaur", "Sharma", "Gupta", "Reddy", "Iyer", "Khan", "Vang", "Xiong",
    "Yang", "Lor", "Thao", "Moua", "Her", "Tuiasosopo", "Fa'amausili", "Gonçalves",
    "Conceição", "Schröder", "Øvergård", "Kowalczyk", "Yılmaz"};
inline constexpr std::array<std::string_view, 26> other_first{
    "Chidi", "Amara", "Kwame", "Abeni", "Fatoumata", "Ifeoma", "Selam", "Aarav", "Anaya",
    "Vihaan", "Diya", "Arjun", "Ishaan", "Priya", "Harpreet", "Pa Nhia", "Tou", "Kou",
    "Mai Yer", "Nou", "Malia", "Sione", "João", "Thiago", "Zuzanna", "Ayşe"};
inline constexpr std::array<std::string_view, 6> other_middle{
    "Oluwaseun", "Kumar", "Devi", "Nkem", "Lee", "Tavita"};
}  // namespace pools

inline constexpr std::array<NamePool, 9> kNamePools{{
    {"es", 50, pools::es_last, pools::es_first, pools::es_middle, 0.55, 0.25},
    {"en", 14, pools::en_last, pools::en_first, pools::en_middle, 0.70, 0.0},
    {"vi", 7, pools::vi_last, pools::vi_first, pools::vi_middle, 0.45, 0.0},
    {"fil", 6, pools::fil_last, pools::fil_first, pools::fil_middle, 0.75, 0.0},
    {"zh", 6, pools::zh_last, pools::zh_first, pools::zh_middle, 0.15, 0.0},
    {"hy", 3, pools::hy_last, pools::hy_first, pools::hy_middle, 0.30, 0.0},
    {"ar", 3, pools::ar_last, pools::ar_first, pools::ar_middle, 0.45, 0.0},
    {"ko", 3, pools::ko_last, pools::ko_first, pools::ko_middle, 0.20, 0.0},
    {"other", 8, pools::other_last, pools::other_first, pools::other_middle, 0.35, 0.0},
}};

}  // namespace lg::synth
