fn main() {
    std::process::exit(awsvpc::main());
}
